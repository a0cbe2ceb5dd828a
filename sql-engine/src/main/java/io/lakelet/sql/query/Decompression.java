package io.lakelet.sql.query;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/** Text files compressed as Athena reads them, the codec chosen by the file's extension. */
final class Decompression {
    private Decompression() {
    }

    static InputStream wrap(String key, InputStream in) throws IOException {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".gz") || k.endsWith(".gzip")) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (k.endsWith(".bz2")) {
            BZip2Codec codec = new BZip2Codec();
            codec.setConf(new Configuration(false));
            return codec.createInputStream(in);
        }
        if (k.endsWith(".zst") || k.endsWith(".zstd")) {
            return new ZstdInputStream(in);
        }
        if (k.endsWith(".deflate")) {
            return new InflaterInputStream(in);
        }
        if (k.endsWith(".snappy")) {
            return snappy(in);
        }
        return in;
    }

    /** Hadoop's block-framed Snappy (what Hive and Firehose write), or the Snappy framing format. */
    private static InputStream snappy(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 16);
        byte[] head = new byte[10];
        int n = in.readNBytes(head, 0, head.length);
        in.unread(head, 0, n);
        if (n >= 10 && (head[0] & 0xff) == 0xff && head[4] == 's' && head[5] == 'N') {
            return new SnappyFramedInputStream(in);
        }
        return new HadoopSnappyStream(in);
    }

    /** Blocks of [uncompressed length][chunks of [compressed length][snappy bytes]], big-endian ints. */
    private static final class HadoopSnappyStream extends InputStream {
        private final DataInputStream in;
        private InputStream block = new ByteArrayInputStream(new byte[0]);
        private long blockRemaining;

        HadoopSnappyStream(InputStream in) {
            this.in = new DataInputStream(in);
        }

        private boolean fill() throws IOException {
            while (block.available() == 0) {
                if (blockRemaining == 0) {
                    int total;
                    try {
                        total = in.readInt();
                    } catch (EOFException e) {
                        return false;
                    }
                    blockRemaining = total;
                    if (total == 0) {
                        continue;
                    }
                }
                int compressed = in.readInt();
                byte[] chunk = in.readNBytes(compressed);
                byte[] plain = Snappy.uncompress(chunk);
                blockRemaining -= plain.length;
                block = new ByteArrayInputStream(plain);
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? block.read() : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return fill() ? block.read(b, off, len) : -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
