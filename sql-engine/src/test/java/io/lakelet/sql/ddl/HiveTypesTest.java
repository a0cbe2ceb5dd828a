package io.lakelet.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HiveTypesTest {

    @Test
    void mapsTrinoTypesToTheHiveTypesTrinosHiveConnectorStores() {
        assertThat(HiveTypes.fromTrino("varchar")).isEqualTo("string");
        assertThat(HiveTypes.fromTrino("varchar(10)")).isEqualTo("varchar(10)");
        assertThat(HiveTypes.fromTrino("integer")).isEqualTo("int");
        assertThat(HiveTypes.fromTrino("real")).isEqualTo("float");
        assertThat(HiveTypes.fromTrino("varbinary")).isEqualTo("binary");
        assertThat(HiveTypes.fromTrino("timestamp(3)")).isEqualTo("timestamp");
        assertThat(HiveTypes.fromTrino("decimal(38, 10)")).isEqualTo("decimal(38,10)");
        assertThat(HiveTypes.fromTrino("map(varchar, array(row(a integer, \"B\" double)))"))
                .isEqualTo("map<string,array<struct<a:int,b:double>>>");
    }

    @Test
    void mapsHiveTypesBackToTrinoNames() {
        assertThat(HiveTypes.toTrino("map<string,array<struct<a:int,b:double>>>"))
                .isEqualTo("map(varchar, array(row(a integer, b double)))");
        assertThat(HiveTypes.toTrino("timestamp")).isEqualTo("timestamp(3)");
        assertThat(HiveTypes.toTrino("decimal(12,2)")).isEqualTo("decimal(12,2)");
    }

    @Test
    void refusesTypesAHiveTableCannotHold() {
        assertThat(HiveTypes.storable("timestamp(3)")).isTrue();
        assertThat(HiveTypes.storable("array(varchar)")).isTrue();
        assertThat(HiveTypes.storable("time(3)")).isFalse();
        assertThat(HiveTypes.storable("timestamp(3) with time zone")).isFalse();
        assertThat(HiveTypes.storable("array(uuid)")).isFalse();
        assertThat(HiveTypes.storable("interval day to second")).isFalse();
    }
}
