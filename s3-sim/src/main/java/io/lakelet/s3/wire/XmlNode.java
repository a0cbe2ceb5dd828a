package io.lakelet.s3.wire;

import io.lakelet.s3.error.S3Errors;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A parsed XML element: local name, text and children, namespaces ignored. Request documents of S3 are
 * small (a few MB at most), so a tree is the simplest reader. Parsing refuses DTDs and external entities.
 */
public final class XmlNode {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlNode> children = new ArrayList<>();

    private XmlNode(String name) {
        this.name = name;
    }

    /** Parses a document; malformed XML is S3's MalformedXML error. */
    public static XmlNode parse(byte[] xml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            java.util.ArrayDeque<XmlNode> stack = new java.util.ArrayDeque<>();
            XmlNode root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        XmlNode n = new XmlNode(r.getLocalName());
                        if (stack.isEmpty()) {
                            root = n;
                        } else {
                            stack.peek().children.add(n);
                        }
                        stack.push(n);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
            r.close();
            if (root == null) {
                throw S3Errors.malformedXml();
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof io.lakelet.core.error.AwsException a) {
                throw a;
            }
            throw S3Errors.malformedXml();
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text.toString().trim();
    }

    /** The raw text, untrimmed (object keys may start or end with spaces). */
    public String rawText() {
        return text.toString();
    }

    public List<XmlNode> children() {
        return children;
    }

    public List<XmlNode> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The first child of that name, or null. */
    public XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The text of the first child of that name, or null. */
    public String childText(String childName) {
        XmlNode c = child(childName);
        return c == null ? null : c.text();
    }
}
