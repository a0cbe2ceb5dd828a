package io.lakelet.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * One client connection in a closed loop: it keeps a fixed number of requests in flight, sends the next
 * as soon as one is answered, and records the latency of answers in the timed phase. All its state is
 * touched only on its channel's event loop.
 */
abstract class LoadConnection extends ChannelDuplexHandler {
    protected final RunState state;
    protected final int inFlightTarget;
    private final LatencyHistogram histogram = new LatencyHistogram();
    protected ChannelHandlerContext ctx;
    private volatile int inFlight;
    private long errors;
    private String firstError;

    LoadConnection(RunState state, int inFlightTarget) {
        this.state = state;
        this.inFlightTarget = inFlightTarget;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseRequest();
    }

    /** Puts its handlers (codec and itself) in a new connection's pipeline. */
    abstract void addTo(ChannelPipeline pipeline);

    /** Releases the encoded request, once the connection is closed. */
    protected abstract void releaseRequest();

    Channel channel() {
        return ctx.channel();
    }

    /** Fills the connection with requests; call on the event loop once the connection is ready. */
    final void start() {
        while (state.running() && inFlight < inFlightTarget && ctx.channel().isActive()) {
            inFlight++;
            send();
        }
    }

    /** Sends (and flushes) one request; the subclass remembers when, and later calls {@link #completed}. */
    protected abstract void send();

    /** An answer arrived (or a request failed): record it and keep the loop going. */
    protected final void completed(long sentNanos, boolean ok, String error) {
        long latency = System.nanoTime() - sentNanos;
        inFlight--;
        if (!ok) {
            error(error);
        } else if (state.measuring()) {
            histogram.record(latency);
            state.countMeasured();
        }
        if (state.running() && ctx.channel().isActive()) {
            inFlight++;
            send();
        }
    }

    protected final void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    int inFlight() {
        return inFlight;
    }

    /** What this connection saw; read on its event loop once the run is over. */
    record Stats(LatencyHistogram histogram, long errors, String firstError) {
    }

    Stats stats() {
        return new Stats(histogram, errors, firstError);
    }

    /** Requests still unanswered when the run gave up waiting count as errors. */
    void abandonInFlight() {
        if (inFlight > 0) {
            error(inFlight + " request(s) unanswered at the end of the run");
            errors += inFlight - 1;
            inFlight = 0;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight > 0) {
            error("the server closed the connection with " + inFlight + " request(s) in flight");
            errors += inFlight - 1;
            inFlight = 0;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error(cause.toString());
        ctx.close();
    }
}
