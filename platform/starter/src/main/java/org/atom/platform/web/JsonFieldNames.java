package org.atom.platform.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates a Java property path of a request body ({@code items[0].dueDate}, as Bean Validation reports it)
 * into the JSON names the client uses, so {@code errors[].field} matches the document that was sent even when a
 * DTO renames a property with {@code @JsonProperty}.
 */
final class JsonFieldNames {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[[^]]*])*)");

    private final JsonMapper json;

    JsonFieldNames(JsonMapper json) {
        this.json = json;
    }

    String toJsonPath(Class<?> root, String javaPath) {
        if (root == null || javaPath == null || javaPath.isEmpty()) {
            return javaPath;
        }
        try {
            JavaType type = json.constructType(root);
            StringBuilder out = new StringBuilder();
            // dots inside [map keys] do not separate segments
            for (String segment : javaPath.split("\\.(?![^\\[]*])")) {
                Matcher m = SEGMENT.matcher(segment);
                if (!m.matches()) {
                    return javaPath;
                }
                String indexes = m.group(2);
                BeanPropertyDefinition property = type == null ? null : property(type, m.group(1));
                out.append(out.isEmpty() ? "" : ".")
                        .append(property == null ? m.group(1) : property.getName())
                        .append(indexes);
                type = property == null ? null : property.getPrimaryType();
                for (int i = 0; type != null && i < indexes.length(); i++) {
                    if (indexes.charAt(i) == '[') {
                        type = type.getContentType();
                    }
                }
            }
            return out.toString();
        } catch (RuntimeException e) {
            return javaPath; // best effort: the Java name is still a good hint
        }
    }

    private BeanPropertyDefinition property(JavaType type, String internalName) {
        if (type.isContainerType() || type.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        DeserializationConfig config = json.deserializationConfig();
        ClassIntrospector introspector = config.classIntrospectorInstance();
        BeanDescription description =
                introspector.introspectForDeserialization(type, introspector.introspectClassAnnotations(type));
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getInternalName().equals(internalName)) {
                return property;
            }
        }
        return null;
    }
}
