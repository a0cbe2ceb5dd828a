package io.lakelet.glue.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*.csv|a.csv|true",
            "*.csv|dir/a.csv|false",
            "**.csv|dir/a.csv|true",
            "*/*.json|2024/a.json|true",
            "**/*.json|2024/01/a.json|true",
            "department/**|department/a/b.csv|true",
            "department/**|other/a.csv|false",
            "*.{csv,tsv}|a.tsv|true",
            "*.{csv,tsv}|a.json|false",
            "file?.csv|file1.csv|true",
            "file?.csv|file10.csv|false",
            "[abc]*.csv|b1.csv|true",
            "[!abc]*.csv|b1.csv|false",
            "archive|archive/x/y.csv|true"})
    void matchesAsGlueDocumentsExcludePatterns(String glob, String key, boolean excluded) {
        assertThat(Glob.compile(glob).excludes(key)).isEqualTo(excluded);
    }
}
