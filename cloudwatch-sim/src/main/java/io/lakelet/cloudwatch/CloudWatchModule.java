package io.lakelet.cloudwatch;

import io.lakelet.cloudwatch.api.GetMetricData;
import io.lakelet.cloudwatch.api.GetMetricStatistics;
import io.lakelet.cloudwatch.api.ListMetrics;
import io.lakelet.cloudwatch.api.PutMetricData;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.protocol.Operation;
import io.lakelet.core.protocol.QueryService;
import io.lakelet.core.protocol.RpcV2CborService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Amazon CloudWatch metrics, signed for {@code monitoring}: PutMetricData, ListMetrics,
 * GetMetricStatistics and GetMetricData over awsQuery (the AWS SDK for Java v2 2.40, the AWS CLI v2.9), over
 * Smithy rpcv2Cbor (the Java SDK from 2.41, which KCL 3.5 uses) and over awsJson1_0 with target prefix
 * {@code GraniteServiceVersion20100801} (botocore 1.43 and the AWS CLI v1 on it): CloudWatch's model lists all
 * three, and each client picks the first it supports. Alarms, dashboards,
 * insight rules, metric streams and anomaly detectors are refused as not implemented.
 */
public final class CloudWatchModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("cloudwatch", "CloudWatch",
            Set.of("monitoring"), Set.of("GraniteServiceVersion20100801"), Protocol.AWS_QUERY, "message");
    public static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        MetricStore store = new MetricStore(context.storage(), context.clock().instant());
        QueryService.Builder query = QueryService.builder(DESCRIPTOR, XML_NAMESPACE).knownOperationsOf(CloudWatchClient.class);
        JsonRpcService.Builder json = JsonRpcService.builder(DESCRIPTOR).knownOperationsOf(CloudWatchClient.class)
                .errorType(CloudWatchErrors::shapeOf);
        RpcV2CborService.Builder cbor = RpcV2CborService.builder(DESCRIPTOR).knownOperationsOf(CloudWatchClient.class)
                .queryCompatible(CloudWatchErrors::shapeOf);
        Registrar all = new Registrar(query, json, cbor);
        all.add("PutMetricData", PutMetricDataRequest.class, new PutMetricData(store, context.clock())::put);
        all.add("ListMetrics", ListMetricsRequest.class, new ListMetrics(store, context.clock())::list);
        all.add("GetMetricStatistics", GetMetricStatisticsRequest.class, new GetMetricStatistics(store)::get);
        all.add("GetMetricData", GetMetricDataRequest.class, new GetMetricData(store)::get);
        return new Protocols(query.build(), json.build(), cbor.build());
    }

    /** Registers each operation with every protocol. */
    private record Registrar(QueryService.Builder query, JsonRpcService.Builder json, RpcV2CborService.Builder cbor) {
        <I extends SdkPojo, O extends SdkPojo> void add(String name, Class<I> input, Operation<? super I, O> op) {
            query.operation(name, input, op);
            json.operation(name, input, op);
            cbor.operation(name, input, op);
        }
    }

    /**
     * rpcv2Cbor when the request says so in {@code smithy-protocol}, awsJson1_0 when it names its operation in
     * {@code X-Amz-Target}, awsQuery otherwise.
     */
    private record Protocols(QueryService query, JsonRpcService json, RpcV2CborService cbor) implements HttpService {
        @Override
        public void handle(Exchange exchange) throws Exception {
            of(exchange.request()).handle(exchange);
        }

        @Override
        public long maxAggregatedBody() {
            return query.maxAggregatedBody();
        }

        @Override
        public Response renderError(AwsException error, Request request, RequestContext context) {
            HttpService protocol = of(request);
            Response r = protocol.renderError(error, request, context);
            return protocol == json ? withQueryError(r, error) : r;
        }

        /**
         * awsJson errors of a formerly Query service carry the Query code in {@code x-amzn-query-error}
         * (botocore and the SDKs take the code from there, and match modelled exceptions by {@code __type}).
         */
        private static Response withQueryError(Response r, AwsException error) {
            Response.Builder b = Response.status(r.status());
            r.headers().forEach(h -> b.header(h.getKey(), h.getValue()));
            b.header("x-amzn-query-error", error.code() + ";"
                    + (error.fault() == AwsException.Fault.SENDER ? "Sender" : "Receiver"));
            return b.body(r.body(), r.bodyOffset(), r.bodyLength()).build();
        }

        private HttpService of(Request request) {
            if (RpcV2CborService.isRpcV2Cbor(request)) {
                return cbor;
            }
            return request.header("X-Amz-Target") != null ? json : query;
        }
    }
}
