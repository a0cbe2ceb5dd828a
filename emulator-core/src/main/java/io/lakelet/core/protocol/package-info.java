/**
 * Protocol codecs generic over operations: awsJson1_1 and its CBOR variant, driven by shapes derived
 * from the AWS SDK for Java v2 model classes, so each operation is written once against typed requests.
 */
package io.lakelet.core.protocol;
