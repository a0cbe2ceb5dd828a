package io.lakelet.core.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

/**
 * Jackson's JSON factory, whose parsers over a UTF-8 document in memory can step over a string the codec
 * has already read from the raw bytes (a base64 blob, see {@link Base64Strings}): Jackson would otherwise
 * scan each string once more to find its end, a tenth of a PutRecords call of 500 x 1 KiB records.
 *
 * <p>It builds the parser Jackson's own byte-source bootstrapper builds for UTF-8 input, through
 * Jackson's protected extension points, only when the document opens with {@code {} and a second byte
 * that is not zero (which no UTF-16 or UTF-32 text, with or without a byte order mark, does); any other
 * document goes to Jackson's bootstrapper.
 */
final class InPlaceJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    InPlaceJsonFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    private InPlaceJsonFactory(InPlaceJsonFactory source) {
        super(source, null);
    }

    /** A copy of this factory (as an ObjectMapper's copy makes), which keeps stepping over strings. */
    @Override
    public JsonFactory copy() {
        return new InPlaceJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        if (len < 2 || data[offset] != '{' || data[offset + 1] == 0
                || !Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            return super._createParser(data, offset, len, ctxt);
        }
        _streamReadConstraints.validateDocumentLength(len);
        ctxt.setEncoding(JsonEncoding.UTF8);
        return new Parser(ctxt, _parserFeatures, _objectCodec, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data, offset, offset + len);
    }

    /** Steps over the current string to {@code after} (just past its closing quote), if the parser can. */
    static void skipCurrentString(JsonParser p, int after) {
        if (p instanceof Parser parser) {
            parser.skipCurrentString(after);
        }
    }

    /** Jackson's UTF-8 parser over bytes in memory; indexes into the document are indexes into its array. */
    private static final class Parser extends UTF8StreamJsonParser {
        /** Where the string to step over starts (just past its opening quote), and where it ends; -1 for none. */
        private int skipFrom = -1;
        private int skipTo;

        Parser(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer symbols, byte[] data,
               int start, int end) {
            super(ctxt, features, null, codec, symbols, data, start, end, 0, false);
        }

        /** Called while the current string token is unread: its text is then never looked at by Jackson. */
        void skipCurrentString(int after) {
            if (_tokenIncomplete && after > _inputPtr && after <= _inputEnd) {
                skipFrom = _inputPtr;
                skipTo = after;
            }
        }

        @Override
        protected void _skipString() throws IOException {
            // Only for the token it was asked for: were its text read meanwhile, Jackson would not be here.
            if (skipFrom == _inputPtr) {
                skipFrom = -1;
                _tokenIncomplete = false;
                _inputPtr = skipTo;
                return;
            }
            skipFrom = -1;
            super._skipString();
        }
    }
}
