package io.lakelet.sql.query;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * How the engine's Parquet readers decompress pages. Snappy, the codec most Parquet is written with (Athena's
 * CTAS and Spark's default), is decompressed from the page's bytes straight into an array of its size with
 * snappy-java's array API. parquet-java's own path goes through Hadoop's stream codecs: it copies the page into
 * a direct buffer, decompresses into another and copies that out through a DataInputStream, which was about a
 * fifth of the CPU of decoding TPC-H's lineitem. With {@link ScanBuffers}, a data page read while its cursor
 * holds the loan of the thread's page array is decompressed into that array, and column chunks are read into
 * the thread's pooled buffers. Every other codec goes to parquet-java's factory.
 */
final class PageCodecs implements CompressionCodecFactory {
    private final CodecFactory others = new CodecFactory(new PlainParquetConfiguration(), 0);
    private final ScanBuffers buffers;
    private final BytesInputDecompressor snappy = new SnappyDecompressor();

    private PageCodecs(ScanBuffers buffers) {
        this.buffers = buffers;
    }

    /** Read options with this factory (one per reader: parquet-java's decompressors are not shared). */
    static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new PageCodecs(null))
                .build();
    }

    /** Read options for a reader whose column chunks and lent pages go into {@code buffers}. */
    static ParquetReadOptions readOptions(ScanBuffers buffers) {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new PageCodecs(buffers))
                .withAllocator(buffers).build();
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return others.getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY ? snappy : others.getDecompressor(codec);
    }

    @Override
    public void release() {
        others.release();
    }

    /** A buffer's bytes as an array: the buffer's own array where it has one (no copy), else a copy. */
    record Bytes(byte[] array, int offset, int length) {
        static Bytes of(ByteBuffer b) {
            if (b.hasArray()) {
                return new Bytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            return new Bytes(copy, 0, copy.length);
        }
    }

    private final class SnappyDecompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            Bytes in = Bytes.of(bytes.toByteBuffer());
            // The output array is exactly the size the page header gives: check the stream says the same first.
            int said = Snappy.uncompressedLength(in.array(), in.offset(), in.length());
            if (said != uncompressedSize) {
                throw new IOException("a Snappy page holds " + said + " bytes, its header says " + uncompressedSize);
            }
            byte[] out = buffers == null ? new byte[uncompressedSize] : buffers.pageArray(uncompressedSize);
            Snappy.uncompress(in.array(), in.offset(), in.length(), out, 0);
            return BytesInput.from(out, 0, uncompressedSize);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            ByteBuffer in = input.duplicate();
            in.limit(in.position() + compressedSize);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteBuffer());
        }

        @Override
        public void release() {
        }
    }
}
