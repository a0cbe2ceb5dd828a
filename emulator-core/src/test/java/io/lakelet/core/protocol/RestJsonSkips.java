package io.lakelet.core.protocol;

import java.util.Map;

/** The restJson1 conformance cases that do not apply to Lakelet, each with the reason. */
final class RestJsonSkips {
    private static final String MEDIA_TYPE = "@mediaType strings in headers travel base64-encoded; Lakelet's shapes"
            + " (from SDK sdkFields) carry no media type, so such headers are read and written as plain text";
    private static final String MEDIA_TYPE_PAYLOAD = "@mediaType on a blob payload sets its Content-Type; Lakelet's"
            + " shapes carry no media type, so blob payloads are application/octet-stream";
    private static final String DEFAULTS = "Smithy @default values: SDK model classes carry no defaults, so the"
            + " codec neither fills nor writes them";
    private static final String NO_BODY = "request compression: the case gives no body to decode, only the client's"
            + " Content-Encoding header";
    private static final String EMPTY_LISTS = "an absent query list cannot be told from an empty one on the wire;"
            + " Lakelet leaves it unset as the SDK does";
    private static final String EMPTY_PAYLOAD = "an explicit structure payload of {} is kept as an empty structure;"
            + " the case expects it unset, which SDK builders cannot express differently for operations";
    private static final String CONTENT_NEGOTIATION = "Lakelet does not check Content-Type or Accept: AWS SDKs always"
            + " send valid ones and Lakelet serves only JSON";
    private static final String UNIONS = "union well-formedness (exactly one known member set) is not checked:"
            + " Lakelet's shapes have no union kind (SDK unions are plain model classes)";

    private static final String QUERY_IN_OUTPUT = "an output member bound to the query goes to the body; SDK output"
            + " classes never bind members to the query, so Lakelet's codec writes only body members there";

    /** Why response cases of error structures are not run. */
    static final String ERROR_SHAPES = "error structures: services throw AwsException (code, message, fields),"
            + " rendered by RestJsonService.renderError, not modelled error shapes";

    private RestJsonSkips() {
    }

    static final Map<String, String> REQUESTS = Map.ofEntries(
            Map.entry("MediaTypeHeaderInputBase64", MEDIA_TYPE),
            Map.entry("RestJsonOmitsEmptyListQueryValues", EMPTY_LISTS),
            Map.entry("RestJsonServerPopulatesDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("RestJsonServerPopulatesNestedDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("SDKAppliedContentEncoding_restJson1", NO_BODY),
            Map.entry("SDKAppendedGzipAfterProvidedEncoding_restJson1", NO_BODY),
            Map.entry("RestJsonHttpWithEmptyStructurePayload", EMPTY_PAYLOAD),
            Map.entry("RestJsonHttpWithHeadersButNoPayload", EMPTY_PAYLOAD));

    static final Map<String, String> RESPONSES = Map.ofEntries(
            Map.entry("MediaTypeHeaderOutputBase64", MEDIA_TYPE),
            Map.entry("RestJsonIgnoreQueryParamsInResponse", QUERY_IN_OUTPUT),
            Map.entry("RestJsonHttpPayloadTraitsWithMediaTypeWithBlob", MEDIA_TYPE_PAYLOAD),
            Map.entry("RestJsonStreamingTraitsWithMediaTypeWithBlob", MEDIA_TYPE_PAYLOAD),
            Map.entry("RestJsonServerPopulatesDefaultsInResponseWhenMissingInParams", DEFAULTS),
            Map.entry("RestJsonServerPopulatesNestedDefaultValuesWhenMissingInInResponseParams", DEFAULTS));

    static final Map<String, String> MALFORMED = Map.ofEntries(
            Map.entry("RestJsonStringPayloadNoContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonStringPayloadWrongContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonStringPayloadUnsatisfiableAccept", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithBodyExpectsApplicationJsonAccept", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithPayloadExpectsImpliedAccept", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithPayloadExpectsModeledAccept", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithBodyExpectsApplicationJsonContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithoutBodyExpectsEmptyContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithoutBodyEmptyInputExpectsEmptyContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithPayloadExpectsModeledContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonWithPayloadExpectsImpliedContentType", CONTENT_NEGOTIATION),
            Map.entry("RestJsonHeaderMalformedStringInvalidBase64MediaType", MEDIA_TYPE),
            Map.entry("RestJsonMalformedUnionMultipleFieldsSet", UNIONS),
            Map.entry("RestJsonMalformedUnionKnownAndUnknownFieldsSet", UNIONS),
            Map.entry("RestJsonMalformedUnionNoFieldsSet", UNIONS),
            Map.entry("RestJsonMalformedUnionEmptyObjectNoFieldsSet", UNIONS),
            Map.entry("RestJsonMalformedUnionUnknownMember", UNIONS));
}
