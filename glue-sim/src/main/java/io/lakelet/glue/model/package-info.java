/**
 * How the catalog's stored objects are made from callers' inputs: a table version from a TableInput, a
 * partition from a PartitionInput, and the stored identity of a partition.
 *
 * <p>Where it knowingly differs from AWS: {@code CreatedBy} is the account's root ARN (Lakelet does not
 * know the calling principal); {@code IsRegisteredWithLakeFormation} is always false. Partition values
 * containing U+0000 or U+0001 are refused (InvalidInputException), because these characters delimit
 * values in stored keys.
 */
package io.lakelet.glue.model;
