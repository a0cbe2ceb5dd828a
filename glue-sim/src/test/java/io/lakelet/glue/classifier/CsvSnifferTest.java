package io.lakelet.glue.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvSnifferTest {

    @Test
    void aHeaderIsTakenWhenTheDataBelowIsNotAllStrings() {
        FileSchema s = CsvSniffer.builtIn("Id,Name\n1,a\n2,b\n", true);
        assertThat(s.columns()).extracting(Column::name).containsExactly("id", "name");
        assertThat(s.columns()).extracting(c -> c.type().hive()).containsExactly("bigint", "string");
        assertThat(s.parameters()).containsEntry("skip.header.line.count", "1");
        assertThat(s.records()).isEqualTo(2);
    }

    @Test
    void allStringRowsHaveNoHeaderAndGetColN() {
        FileSchema s = CsvSniffer.builtIn("a,b\nc,d\ne,f\n", true);
        assertThat(s.columns()).extracting(Column::name).containsExactly("col0", "col1");
        assertThat(s.parameters()).doesNotContainKey("skip.header.line.count");
    }

    @Test
    void delimitersAreTriedInGluesOrderAndQuotedFieldsKeepTheirDelimiters() {
        assertThat(CsvSniffer.builtIn("x\ty\n1\t2\n", true).serdeParameters()).containsEntry("field.delim", "\t");
        assertThat(CsvSniffer.builtIn("x;y\n1;2\n", true).parameters()).containsEntry("delimiter", ";");
        FileSchema quoted = CsvSniffer.builtIn("name,v\n\"a,b\",1\n\"c\"\"d\",2\n", true);
        assertThat(quoted.columns()).hasSize(2);
        assertThat(quoted.parameters()).containsEntry("areColumnsQuoted", "true");
    }

    @Test
    void aCutSampleDropsItsPartialLastRowAndOneColumnIsNotCsv() {
        FileSchema s = CsvSniffer.builtIn("id,v\n1,2.5\n2,3\n3,", false);
        assertThat(s.records()).isEqualTo(2);
        assertThat(s.columns()).extracting(c -> c.type().hive()).containsExactly("bigint", "double");
        assertThat(CsvSniffer.builtIn("just\none\ncolumn\n", true)).isNull();
    }
}
