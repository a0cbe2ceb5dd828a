package io.lakelet.core.protocol;

import java.io.ByteArrayOutputStream;

/** A byte array output stream whose buffer can be handed on without the copy {@code toByteArray} makes. */
public final class ByteSink extends ByteArrayOutputStream {

    public ByteSink() {
        super(256);
    }

    public ByteSink(int size) {
        super(size);
    }

    /** The internal buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }
}
