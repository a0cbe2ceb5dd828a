package io.lakelet.core.server;

import io.lakelet.core.http.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.InputStream;

/** A body already in memory: read in place, released by the exchange when the response is sent. */
final class AggregatedBody implements RequestBody {
    private final ByteBuf content;

    AggregatedBody(ByteBuf content) {
        this.content = content;
    }

    @Override
    public InputStream stream() {
        return new ByteBufInputStream(content.duplicate(), false);
    }

    @Override
    public long declaredLength() {
        return content.readableBytes();
    }

    @Override
    public boolean isAggregated() {
        return true;
    }

    @Override
    public byte[] readAllBytes() {
        byte[] out = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), out);
        return out;
    }

    void release() {
        if (content.refCnt() > 0) {
            content.release();
        }
    }
}
