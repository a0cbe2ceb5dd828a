/**
 * Shapes: the schema that drives the codecs, derived from SDK model classes ({@code sdkFields()}).
 */
package io.lakelet.core.protocol.shape;
