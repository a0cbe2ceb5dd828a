package io.lakelet.sql;

/** Athena's classification of a statement, reported in GetQueryExecution. */
public enum StatementType {
    /** SELECT, WITH, VALUES, INSERT INTO, CREATE TABLE AS. */
    DML,
    /** CREATE/DROP/ALTER of databases, tables, views and partitions, MSCK REPAIR TABLE. */
    DDL,
    /** SHOW, DESCRIBE, EXPLAIN. */
    UTILITY
}
