package io.lakelet.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectStoreFilesTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message t { required int64 id; optional binary name (STRING); }");

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
    void writesAndReadsParquetThroughThePortWithoutHadoop(CompressionCodecName codec) throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.ensureBucket("1", "r", "lake");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new ObjectStoreOutputFile(store, "1", "lake", "t/part-0.parquet"))
                .withConf(new PlainParquetConfiguration()).withType(SCHEMA).withCompressionCodec(codec).build()) {
            for (int i = 0; i < 1000; i++) {
                writer.write(groups.newGroup().append("id", (long) i).append("name", "n" + i));
            }
        }
        long size = store.head("1", "lake", "t/part-0.parquet").orElseThrow().size();

        LongAdder footerBytes = new LongAdder();
        try (ParquetFileReader reader = ParquetFileReader.open(
                new ObjectStoreInputFile(store, "1", "lake", "t/part-0.parquet", size, footerBytes))) {
            ParquetMetadata footer = reader.getFooter();
            assertThat(footer.getFileMetaData().getSchema()).isEqualTo(SCHEMA);
            assertThat(footer.getBlocks().get(0).getRowCount()).isEqualTo(1000);
        }
        assertThat(footerBytes.sum()).as("only the footer is read").isLessThan(size);

        LongAdder all = new LongAdder();
        List<Long> ids = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(
                new ObjectStoreInputFile(store, "1", "lake", "t/part-0.parquet", size, all))) {
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(SCHEMA);
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null;
                    rowGroup = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(SCHEMA));
                for (long r = 0; r < rowGroup.getRowCount(); r++) {
                    ids.add(records.read().getLong("id", 0));
                }
            }
        }
        assertThat(ids).hasSize(1000).startsWith(0L, 1L).endsWith(999L);
        assertThat(all.sum()).isPositive();
    }
}
