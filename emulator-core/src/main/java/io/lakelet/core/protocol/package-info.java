/**
 * Protocol codecs generic over operations, driven by shapes derived from the AWS SDK for Java v2 model
 * classes, so each operation is written once against typed requests: awsJson1_1 and its Kinesis CBOR
 * variant ({@link io.lakelet.core.protocol.JsonRpcService}) and restJson1
 * ({@link io.lakelet.core.protocol.RestJsonService}, routes read from the SDK's request marshallers).
 *
 * <p>Both are checked against the server-side cases of smithy-aws-protocol-tests. Where they knowingly
 * differ from those cases: Content-Type and Accept are not checked, union members are not checked to be
 * exactly one, Smithy {@code @default} values are not filled in (SDK classes carry none), {@code @mediaType}
 * strings in headers are not base64-encoded, and document members are Jackson trees.
 */
package io.lakelet.core.protocol;
