package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.Consumer;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.wire.OpaqueToken;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.DeregisterStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.DeregisterStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerResponse;

/** Enhanced fan-out consumers: register, describe, list and deregister (at most 20 per stream). */
public final class ConsumerOperations {
    static final int MAX_CONSUMERS = 20;
    static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern CONSUMER_ARN =
            Pattern.compile("(arn:aws[^:]*:kinesis:[^:]*:\\d{12}:stream/[a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):\\d+");

    private final KinesisRuntime rt;

    public ConsumerOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("RegisterStreamConsumer", RegisterStreamConsumerRequest.class, this::registerConsumer)
                .operation("DescribeStreamConsumer", DescribeStreamConsumerRequest.class, this::describe)
                .operation("ListStreamConsumers", ListStreamConsumersRequest.class, this::list)
                .operation("DeregisterStreamConsumer", DeregisterStreamConsumerRequest.class, this::deregister);
    }

    RegisterStreamConsumerResponse registerConsumer(RequestContext ctx, RegisterStreamConsumerRequest in) {
        Validation.check().notNull("streamARN", in.streamARN())
                .notNull("consumerName", in.consumerName())
                .length("consumerName", in.consumerName(), 1, 128)
                .pattern("consumerName", in.consumerName(), CONSUMER_NAME)
                .orThrow();
        Stream s = rt.find(ctx, null, in.streamARN());
        synchronized (s) {
            Consumer existing = live(s, in.consumerName());
            if (existing != null) {
                throw KinesisErrors.resourceInUse("Consumer " + existing.arn() + " already exists");
            }
            if (s.consumers().stream().filter(c -> !c.deleting()).count() >= MAX_CONSUMERS) {
                throw KinesisErrors.limitExceeded("Consumer limit of " + MAX_CONSUMERS + " reached for stream "
                        + s.arn() + ".");
            }
            long now = rt.clock().millis();
            Consumer c = new Consumer(in.consumerName(), s.arn() + "/consumer/" + in.consumerName() + ":"
                    + now / 1000, now, now + rt.stateDelay().toMillis(), false);
            s.consumers().removeIf(old -> old.name().equals(c.name()));
            s.consumers().add(c);
            rt.catalog().save(s);
            ConsumerDescription d = description(s, c);
            return RegisterStreamConsumerResponse.builder().consumer(co -> co.consumerName(d.consumerName())
                    .consumerARN(d.consumerARN()).consumerStatus(d.consumerStatus())
                    .consumerCreationTimestamp(d.consumerCreationTimestamp())).build();
        }
    }

    DescribeStreamConsumerResponse describe(RequestContext ctx, DescribeStreamConsumerRequest in) {
        Found f = find(ctx, in.streamARN(), in.consumerName(), in.consumerARN());
        synchronized (f.stream) {
            return DescribeStreamConsumerResponse.builder().consumerDescription(description(f.stream, f.consumer)).build();
        }
    }

    ListStreamConsumersResponse list(RequestContext ctx, ListStreamConsumersRequest in) {
        Validation.check().notNull("streamARN", in.streamARN()).range("maxResults", in.maxResults(), 1, 10000)
                .length("nextToken", in.nextToken(), 1, 1048576).orThrow();
        Stream s = rt.find(ctx, null, in.streamARN());
        int from = 0;
        if (in.nextToken() != null) {
            List<String> t = OpaqueToken.decode(in.nextToken(), "list-consumers", 2);
            if (t == null || !t.get(0).equals(s.arn())) {
                throw KinesisErrors.invalidArgument("Invalid NextToken.");
            }
            from = Integer.parseInt(t.get(1));
        }
        int limit = in.maxResults() == null ? 100 : in.maxResults();
        synchronized (s) {
            List<Consumer> all = s.consumers().stream().filter(c -> !gone(c)).toList();
            List<Consumer> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
            ListStreamConsumersResponse.Builder out = ListStreamConsumersResponse.builder()
                    .consumers(page.stream().map(c -> {
                        ConsumerDescription d = description(s, c);
                        return software.amazon.awssdk.services.kinesis.model.Consumer.builder()
                                .consumerName(d.consumerName()).consumerARN(d.consumerARN())
                                .consumerStatus(d.consumerStatus())
                                .consumerCreationTimestamp(d.consumerCreationTimestamp()).build();
                    }).toList());
            if (from + limit < all.size()) {
                out.nextToken(OpaqueToken.encode("list-consumers", s.arn(), from + limit));
            }
            return out.build();
        }
    }

    DeregisterStreamConsumerResponse deregister(RequestContext ctx, DeregisterStreamConsumerRequest in) {
        Found f = find(ctx, in.streamARN(), in.consumerName(), in.consumerARN());
        synchronized (f.stream) {
            f.stream.consumers().remove(f.consumer);
            if (!rt.stateDelay().isZero()) {
                long now = rt.clock().millis();
                f.stream.consumers().add(new Consumer(f.consumer.name(), f.consumer.arn(), f.consumer.createdMillis(),
                        now + rt.stateDelay().toMillis(), true));
            }
            rt.catalog().save(f.stream);
        }
        return DeregisterStreamConsumerResponse.builder().build();
    }

    /** A consumer and its stream. */
    record Found(Stream stream, Consumer consumer) {
    }

    /** The consumer named by ARN, or by stream ARN and name; ResourceNotFoundException when there is none. */
    Found find(RequestContext ctx, String streamArn, String name, String consumerArn) {
        Validation.check().length("consumerName", name, 1, 128).length("consumerARN", consumerArn, 1, 2048).orThrow();
        if (consumerArn != null) {
            Matcher m = CONSUMER_ARN.matcher(consumerArn);
            if (!m.matches()) {
                throw KinesisErrors.invalidArgument("Invalid ConsumerARN: " + consumerArn);
            }
            streamArn = m.group(1);
            name = m.group(2);
        } else if (streamArn == null || name == null) {
            throw KinesisErrors.invalidArgument("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        Stream s = rt.find(ctx, null, streamArn);
        synchronized (s) {
            Consumer c = live(s, name);
            if (c == null || (consumerArn != null && !c.arn().equals(consumerArn))) {
                throw KinesisErrors.resourceNotFound("Consumer " + (consumerArn != null ? consumerArn : name)
                        + " under stream " + s.name() + " under account " + s.account() + " not found.");
            }
            return new Found(s, c);
        }
    }

    private Consumer live(Stream s, String name) {
        return s.consumers().stream().filter(c -> c.name().equals(name) && !c.deleting()).findFirst().orElse(null);
    }

    private boolean gone(Consumer c) {
        return c.deleting() && rt.clock().millis() >= c.settlesAtMillis();
    }

    private ConsumerDescription description(Stream s, Consumer c) {
        String status = c.deleting() ? "DELETING" : rt.clock().millis() < c.settlesAtMillis() ? "CREATING" : "ACTIVE";
        return ConsumerDescription.builder()
                .consumerName(c.name())
                .consumerARN(c.arn())
                .consumerStatus(status)
                .consumerCreationTimestamp(Instant.ofEpochMilli(c.createdMillis()))
                .streamARN(s.arn())
                .build();
    }
}
