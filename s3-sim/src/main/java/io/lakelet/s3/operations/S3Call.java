package io.lakelet.s3.operations;

import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.http.ResponseStream;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.wire.CommonHeaders;
import io.lakelet.s3.wire.S3Address;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One S3 request being served: the exchange, the addressed bucket and key, and the means to answer with
 * the headers every S3 response carries ({@code x-amz-request-id}, {@code x-amz-id-2}, {@code Date}).
 */
public final class S3Call {
    private final Exchange exchange;
    private final S3Address address;
    private final long now;
    private final List<Map.Entry<String, String>> extraHeaders = new ArrayList<>(2);

    public S3Call(Exchange exchange, S3Address address, long now) {
        this.exchange = exchange;
        this.address = address;
        this.now = now;
    }

    public Request request() {
        return exchange.request();
    }

    public RequestContext context() {
        return exchange.context();
    }

    public String bucket() {
        return address.bucket();
    }

    public String key() {
        return address.key();
    }

    public S3Address address() {
        return address;
    }

    public String header(String name) {
        return exchange.request().header(name);
    }

    public String query(String name) {
        return exchange.request().queryParam(name);
    }

    public boolean has(String name) {
        return exchange.request().hasQueryParam(name);
    }

    public long now() {
        return now;
    }

    /** The request body parsed as XML; an empty or malformed body is MalformedXML. */
    public XmlNode xmlBody() {
        byte[] body = exchange.request().body().readAllBytes();
        if (body.length == 0) {
            throw S3Errors.malformedXml();
        }
        return XmlNode.parse(body);
    }

    /** Headers to add to the successful response of this call (CORS headers for a matching Origin). */
    public void addResponseHeaders(List<Map.Entry<String, String>> headers) {
        extraHeaders.addAll(headers);
    }

    /** A response builder that already carries S3's common headers. */
    public Response.Builder status(int status) {
        Response.Builder b = Response.status(status);
        commonHeaders(context()).forEach(h -> b.header(h.getKey(), h.getValue()));
        extraHeaders.forEach(h -> b.header(h.getKey(), h.getValue()));
        return b;
    }

    public void respond(Response.Builder builder) {
        exchange.respond(builder.build());
    }

    public void ok() {
        respond(status(200).body(new byte[0]));
    }

    public void noContent() {
        respond(status(204).body(new byte[0]));
    }

    public void xml(XmlWriter document) {
        respond(status(200).header("Content-Type", "application/xml").body(document.toBytes()));
    }

    /** Starts a streamed body; the common headers are added in front of {@code headers}. */
    public ResponseStream stream(int status, List<Map.Entry<String, String>> headers, long length) {
        List<Map.Entry<String, String>> all = new ArrayList<>(commonHeaders(context()));
        all.addAll(extraHeaders);
        all.addAll(headers);
        return exchange.stream(status, all, length);
    }

    /** The headers every S3 response carries. */
    public static List<Map.Entry<String, String>> commonHeaders(RequestContext context) {
        return CommonHeaders.of(context);
    }
}
