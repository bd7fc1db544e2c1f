package org.seqlab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * {@link Value}s as JSON, with the Jackson that ND4J ships relocated ({@code org.nd4j.shade.jackson}): the library
 * runs on the learner's class path, where a JSON library under its own package name would shadow the version a
 * learner adds with {@code %jars} or {@code %maven}.
 */
final class ValueJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode node(Value v) {
        ObjectNode o = NODES.objectNode();
        if (v instanceof Value.Num n) {
            o.put("kind", "num");
            o.set("value", number(n.value()));
            o.put("integral", n.integral());
        } else if (v instanceof Value.Arr a) {
            o.put("kind", "array");
            o.put("dtype", a.dtype());
            ArrayNode shape = o.putArray("shape");
            for (long s : a.shape()) {
                shape.add(s);
            }
            if (a.data() == null) {
                o.putNull("data");
            } else {
                ArrayNode data = o.putArray("data");
                for (double d : a.data()) {
                    data.add(number(d));
                }
            }
        } else if (v instanceof Value.Text t) {
            o.put("kind", "text");
            o.put("value", t.value());
        } else if (v instanceof Value.Bool b) {
            o.put("kind", "bool");
            o.put("value", b.value());
        } else if (v instanceof Value.Struct s) {
            o.put("kind", "struct");
            o.put("type", s.type());
            ObjectNode fields = o.putObject("fields");
            s.fields().forEach((k, f) -> fields.set(k, node(f)));
        } else if (v instanceof Value.Seq s) {
            o.put("kind", "seq");
            ArrayNode items = o.putArray("items");
            s.items().forEach(i -> items.add(node(i)));
        } else if (v instanceof Value.Thrown t) {
            o.put("kind", "thrown");
            o.put("exception", t.exception());
            o.put("message", t.message());
        } else {
            o.put("kind", "null");
        }
        return o;
    }

    static Value value(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a value must be a JSON object with a \"kind\" but is " + json);
        }
        String kind = json.path("kind").asText("");
        switch (kind) {
            case "num":
                return new Value.Num(toDouble(json.get("value")), json.path("integral").asBoolean(false));
            case "array": {
                JsonNode shapeJson = json.path("shape");
                long[] shape = new long[shapeJson.size()];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = shapeJson.get(k).asLong();
                }
                double[] data = null;
                JsonNode d = json.get("data");
                if (d != null && d.isArray()) {
                    data = new double[d.size()];
                    for (int k = 0; k < data.length; k++) {
                        data[k] = toDouble(d.get(k));
                    }
                }
                return new Value.Arr(json.path("dtype").asText(), shape, data);
            }
            case "text":
                return new Value.Text(json.path("value").asText());
            case "bool":
                return new Value.Bool(json.path("value").asBoolean());
            case "struct": {
                Map<String, Value> fields = new LinkedHashMap<>();
                json.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), value(e.getValue())));
                return new Value.Struct(json.path("type").asText(), fields);
            }
            case "seq": {
                List<Value> items = new ArrayList<>();
                json.path("items").forEach(e -> items.add(value(e)));
                return new Value.Seq(items);
            }
            case "thrown": {
                JsonNode message = json.get("message");
                return new Value.Thrown(json.path("exception").asText(),
                        message == null || message.isNull() ? "" : message.asText());
            }
            case "null":
                return new Value.Null();
            default:
                throw new IllegalArgumentException("unknown value kind \"" + kind + "\" in " + json);
        }
    }

    private static JsonNode number(double d) {
        // JSON has no NaN or infinity; they travel as the strings Java prints for them.
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
    }

    private static double toDouble(JsonNode e) {
        return e.isTextual() ? Double.parseDouble(e.asText()) : e.asDouble();
    }
}
