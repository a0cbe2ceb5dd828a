package io.lakelet.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageFormatsTest {

    @Test
    void storedAsKeywordsRoundTripThroughTheirClassNames() {
        StorageFormats.Format parquet = StorageFormats.storedAs("parquet");
        assertThat(StorageFormats.keywordOf(parquet.inputFormat(), parquet.outputFormat(), parquet.serde()))
                .isEqualTo("PARQUET");
        assertThat(StorageFormats.storedAs("XML")).isNull();
        assertThat(StorageFormats.ctas("json").serde()).isEqualTo("org.apache.hive.hcatalog.data.JsonSerDe");
        assertThat(StorageFormats.ctas("CSV")).isNull();
    }

    @Test
    void readsLazySimpleSerDeDelimitersAsHiveDoes() {
        assertThat(StorageFormats.fieldDelimiter(java.util.Map.of("serialization.format", "1"))).isEqualTo("\u0001");
        assertThat(StorageFormats.fieldDelimiter(java.util.Map.of("field.delim", ",", "serialization.format", ",")))
                .isEqualTo(",");
        assertThat(StorageFormats.fieldDelimiter(java.util.Map.of("field.delim", "9"))).isEqualTo("\t");
        assertThat(StorageFormats.fieldDelimiter(java.util.Map.of())).isEqualTo("\u0001");
    }
}
