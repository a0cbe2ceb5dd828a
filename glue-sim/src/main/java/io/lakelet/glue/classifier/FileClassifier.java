package io.lakelet.glue.classifier;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.parquet.ObjectStoreInputFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.io.compress.bzip2.CBZip2InputStream;
import software.amazon.awssdk.services.glue.model.Classifier;

/**
 * Classifies one object as a crawler does: custom classifiers first, in the order the crawler names
 * them, then the built-in ones (Parquet, JSON, CSV). It reads only what it needs: the Parquet footer, or
 * the first {@link #SAMPLE_BYTES} bytes of text (decompressed, for gzip and bzip2). Record counts of files larger
 * than the sample are estimated from the sample, as Glue estimates them.
 */
public final class FileClassifier {
    public static final int SAMPLE_BYTES = 64 * 1024;

    private final ObjectStore store;

    public FileClassifier(ObjectStore store) {
        this.store = store;
    }

    /** The schema of an object, or null when no classifier recognises it. */
    public FileSchema classify(String account, String bucket, String key, long size, List<Classifier> custom)
            throws IOException {
        if (size == 0) {
            return null;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet") || lower.endsWith(".parq")) {
            return parquet(account, bucket, key, size);
        }
        byte[] head;
        boolean complete;
        long rawRead;
        String compression = "none";
        try (InputStream in = store.read(account, bucket, key, 0, Math.min(size, SAMPLE_BYTES))) {
            head = in.readNBytes(SAMPLE_BYTES);
        }
        complete = size <= SAMPLE_BYTES;
        rawRead = head.length;
        if (ParquetSchemaReader.magic(head)) {
            return parquet(account, bucket, key, size);
        }
        if (head.length >= 3 && (head[0] == 'O' && head[1] == 'R' && head[2] == 'C'
                || head[0] == 'O' && head[1] == 'b' && head[2] == 'j')) {
            return null;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            compression = "gzip";
            try (CountingStream raw = new CountingStream(store.read(account, bucket, key, 0, -1));
                 InputStream gz = new GZIPInputStream(raw, 8192)) {
                head = gz.readNBytes(SAMPLE_BYTES);
                complete = gz.read() < 0;
                rawRead = raw.count;
            } catch (IOException e) {
                return null;
            }
        }
        if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            compression = "bzip2";
            try (CountingStream raw = new CountingStream(store.read(account, bucket, key, 0, -1))) {
                raw.skipNBytes(2);
                InputStream bz = new CBZip2InputStream(raw);
                head = bz.readNBytes(SAMPLE_BYTES);
                complete = bz.read() < 0;
                rawRead = raw.count;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        FileSchema s = classifyText(text, complete, custom);
        if (s == null) {
            return null;
        }
        long records = complete ? s.records() : Math.max(s.records(), Math.round((double) s.records() * size
                / Math.max(1, rawRead)));
        return s.withSize(size, records, compression);
    }

    private FileSchema parquet(String account, String bucket, String key, long size) throws IOException {
        return ParquetSchemaReader.read(new ObjectStoreInputFile(store, account, bucket, key, size, null));
    }

    /** Custom classifiers in order, then JSON, then CSV. */
    static FileSchema classifyText(String text, boolean complete, List<Classifier> custom) {
        for (Classifier c : custom) {
            FileSchema s = null;
            if (c.grokClassifier() != null) {
                s = grok(c, text, complete);
            } else if (c.xmlClassifier() != null && c.xmlClassifier().rowTag() != null) {
                s = XmlSchemaReader.read(c.xmlClassifier().classification(), c.xmlClassifier().rowTag(), text);
            } else if (c.jsonClassifier() != null) {
                s = JsonSchemaReader.custom(c.jsonClassifier().jsonPath(), text, complete);
            } else if (c.csvClassifier() != null) {
                s = CsvSniffer.custom(c.csvClassifier(), text, complete);
            }
            if (s != null) {
                return s;
            }
        }
        FileSchema s = JsonSchemaReader.builtIn(text, complete);
        return s != null ? s : CsvSniffer.builtIn(text, complete);
    }

    private static FileSchema grok(Classifier c, String text, boolean complete) {
        GrokPattern p;
        try {
            p = GrokPattern.compile(c.grokClassifier().grokPattern(), c.grokClassifier().customPatterns());
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\\R")));
        if (!complete && !lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.removeIf(String::isEmpty);
        if (!p.classifies(lines)) {
            return null;
        }
        var serdeParams = new java.util.LinkedHashMap<String, String>();
        serdeParams.put("input.format", c.grokClassifier().grokPattern());
        if (c.grokClassifier().customPatterns() != null) {
            serdeParams.put("input.grokCustomPatterns", c.grokClassifier().customPatterns());
        }
        return new FileSchema(c.grokClassifier().classification(), p.columns(), FileSchema.TEXT_INPUT,
                FileSchema.TEXT_OUTPUT, "com.amazonaws.glue.serde.GrokSerDe", serdeParams,
                new java.util.LinkedHashMap<>(), "none", text.length(), lines.size());
    }

    /** Counts the compressed bytes a decompressor consumed, for the record estimate. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
