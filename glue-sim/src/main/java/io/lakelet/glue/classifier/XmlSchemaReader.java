package io.lakelet.glue.classifier;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A custom XML classifier: each element named by its RowTag is a record; its attributes and child
 * elements are the columns (children with children of their own are structs), typed from their text
 * as delimited values are. A sample cut mid-document keeps the records read before the cut.
 */
public final class XmlSchemaReader {
    static final String SERDE = "com.ibm.spss.hive.serde2.xml.XmlSerDe";
    static final String INPUT = "com.ibm.spss.hive.serde2.xml.XmlInputFormat";
    static final String OUTPUT = "org.apache.hadoop.hive.ql.io.IgnoreKeyTextOutputFormat";
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private XmlSchemaReader() {
    }

    public static FileSchema read(String classification, String rowTag, String text) {
        List<HiveType> records = new ArrayList<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(text));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals(rowTag)) {
                        records.add(element(r));
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            // a cut sample or a malformed tail: keep the records read so far
        }
        if (records.isEmpty()) {
            return null;
        }
        HiveType merged = HiveType.NULL;
        for (HiveType t : records) {
            merged = HiveType.merge(merged, t);
        }
        if (!(merged instanceof HiveType.Struct s)) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        Map<String, String> serdeParams = new LinkedHashMap<>();
        s.fields().forEach((name, type) -> {
            String col = name.toLowerCase(Locale.ROOT);
            columns.add(new Column(col, type));
            serdeParams.put("column.xpath." + col, "/" + rowTag + "/" + name + "/text()");
        });
        Map<String, String> params = new LinkedHashMap<>();
        params.put("rowTag", rowTag);
        params.put("xmlinput.start", "<" + rowTag + " ");
        params.put("xmlinput.end", "</" + rowTag + ">");
        return new FileSchema(classification, columns, INPUT, OUTPUT, SERDE, serdeParams, params, "none",
                text.length(), records.size());
    }

    /** The type of the element the reader is at; leaves the reader at its end tag. */
    private static HiveType element(XMLStreamReader r) throws XMLStreamException {
        Map<String, HiveType> fields = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            fields.merge(r.getAttributeLocalName(i), HiveType.ofText(r.getAttributeValue(i)), HiveType::merge);
        }
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                fields.merge(name, element(r), HiveType::merge);
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (fields.isEmpty()) {
            HiveType t = HiveType.ofText(text.toString().trim());
            return t.equals(HiveType.BOOLEAN) ? HiveType.STRING : t;
        }
        return new HiveType.Struct(fields);
    }
}
