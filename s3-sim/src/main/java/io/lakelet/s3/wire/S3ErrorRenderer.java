package io.lakelet.s3.wire;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Response;
import java.util.List;
import java.util.Map;

/**
 * Renders errors as S3 does: {@code <Error><Code/><Message/>...fields...<Resource/><RequestId/><HostId/></Error>},
 * no body for HEAD requests and 304 answers.
 */
public final class S3ErrorRenderer {
    private S3ErrorRenderer() {
    }

    public static Response render(AwsException error, String method, String resource, String requestId,
                                  List<Map.Entry<String, String>> commonHeaders) {
        Response.Builder b = Response.status(error.status());
        commonHeaders.forEach(h -> b.header(h.getKey(), h.getValue()));
        error.headers().forEach(b::header);
        if ("HEAD".equals(method) || error.status() == 304) {
            return b.body(new byte[0]).build();
        }
        XmlWriter xml = XmlWriter.plainDocument("Error").element("Code", error.code()).element("Message", error.getMessage());
        error.fields().forEach(xml::element);
        xml.element("Resource", resource).element("RequestId", requestId);
        for (Map.Entry<String, String> h : commonHeaders) {
            if (h.getKey().equals("x-amz-id-2")) {
                xml.element("HostId", h.getValue());
            }
        }
        return b.header("Content-Type", "application/xml").body(xml.toBytes()).build();
    }
}
