package io.lakelet.core.protocol;

import io.lakelet.core.protocol.shape.Location;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A structure shape for codec tests whose values are maps from member name to value. */
record MapStruct(List<Member> members) implements Shape {

    /** A payload member whose wire name is its name. */
    static Member member(String name, Shape shape) {
        return new Member(name, name, Location.PAYLOAD, shape, null, false, null);
    }

    @Override
    public ShapeKind kind() {
        return ShapeKind.STRUCTURE;
    }

    @Override
    public StructBuilder newStruct() {
        Map<String, Object> values = new LinkedHashMap<>();
        return new StructBuilder() {
            @Override
            public void set(Member member, Object value) {
                values.put(member.name(), value);
            }

            @Override
            public Object build() {
                return values;
            }
        };
    }

    @Override
    public Object get(Object struct, Member member) {
        return ((Map<?, ?>) struct).get(member.name());
    }
}
