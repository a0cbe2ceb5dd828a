/**
 * Protocol codecs generic over operations, driven by shapes derived from the AWS SDK for Java v2 model
 * classes, so each operation is written once against typed requests: awsJson1_1 and its Kinesis CBOR
 * variant ({@link io.lakelet.core.protocol.JsonRpcService}), restJson1
 * ({@link io.lakelet.core.protocol.RestJsonService}, routes read from the SDK's request marshallers),
 * awsQuery ({@link io.lakelet.core.protocol.QueryService}: form-encoded input, XML output) and Smithy rpcv2Cbor
 * ({@link io.lakelet.core.protocol.RpcV2CborService}).
 *
 * <p>The JSON codecs are checked against the server-side cases of smithy-aws-protocol-tests. Where they knowingly
 * differ from those cases: Content-Type and Accept are not checked, union members are not checked to be
 * exactly one, Smithy {@code @default} values are not filled in (SDK classes carry none), {@code @mediaType}
 * strings in headers are not base64-encoded, and document members are Jackson trees. The awsQuery codec
 * runs the request cases of the same suite in reverse (form bodies decode to their parameters); it knows
 * only the default list and map member names ({@code member}, {@code entry}, {@code key}, {@code value}), not
 * {@code @xmlName}/{@code @xmlFlattened} overrides, and its XML output is not checked against the suite's
 * response cases.
 */
package io.lakelet.core.protocol;
