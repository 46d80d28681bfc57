package org.atom.platform.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.beans.Introspector;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Lets request bodies use the original API's snake_case field names next to the camelCase ones
 * ({@code due_date} for {@code dueDate}) without every DTO declaring {@code @JsonAlias}: each deserializable
 * property gets its snake_case spelling as an alias. Output is unaffected (aliases only apply when reading).
 *
 * <p>Sending both spellings of one field in one object is rejected ({@link DuplicateAliasException}, a 400 naming
 * the field) rather than letting whichever comes last in the document win silently.
 */
final class SnakeCaseAliasModule extends SimpleModule {

    SnakeCaseAliasModule() {
        super("atom-snake-case-aliases");
        setDeserializerModifier(new ConflictCheckModifier());
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        // primary, so it also answers for properties that carry an explicit @JsonAlias (and keeps those)
        context.insertAnnotationIntrospector(new AliasIntrospector());
    }

    /** Both spellings of one property were sent. */
    static final class DuplicateAliasException extends MismatchedInputException {

        private final String property;

        DuplicateAliasException(JsonParser p, String property, String alias) {
            super(p, "was sent twice, as '%s' and '%s'; send one".formatted(property, alias));
            this.property = property;
        }

        String property() {
            return property;
        }
    }

    private static final class AliasIntrospector extends NopAnnotationIntrospector {

        @Override
        public List<PropertyName> findPropertyAliases(MapperConfig<?> config, Annotated a) {
            String name = logicalName(a);
            if (name == null) {
                return null;
            }
            String snake = SnakeCase.fromCamel(name);
            if (snake.equals(name)) {
                return null;
            }
            List<PropertyName> aliases = new ArrayList<>();
            JsonAlias explicit = a.getAnnotation(JsonAlias.class);
            if (explicit != null) {
                for (String alias : explicit.value()) {
                    aliases.add(PropertyName.construct(alias));
                }
            }
            aliases.add(PropertyName.construct(snake));
            return aliases;
        }

        /** The property name Jackson gives this field, setter or creator parameter, or null if unknown. */
        private static String logicalName(Annotated a) {
            JsonProperty explicit = a.getAnnotation(JsonProperty.class);
            if (explicit != null && !explicit.value().isEmpty()) {
                return explicit.value();
            }
            return switch (a) {
                case AnnotatedField field -> field.getName();
                case AnnotatedMethod method
                when method.getParameterCount() == 1
                        && method.getName().startsWith("set")
                        && method.getName().length() > 3 ->
                    Introspector.decapitalize(method.getName().substring(3));
                case AnnotatedParameter parameter -> parameterName(parameter);
                default -> null;
            };
        }

        private static String parameterName(AnnotatedParameter parameter) {
            Parameter[] parameters = parameter.getOwner().getNativeParameters();
            int index = parameter.getIndex();
            if (index < parameters.length && parameters[index].isNamePresent()) {
                return parameters[index].getName();
            }
            Class<?> owner = parameter.getDeclaringClass();
            if (owner.isRecord() && index < owner.getRecordComponents().length) {
                return owner.getRecordComponents()[index].getName();
            }
            return null;
        }
    }

    private static final class ConflictCheckModifier extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            if (!(deserializer instanceof BeanDeserializerBase)) {
                return deserializer;
            }
            Map<String, String> snakeToCamel = new HashMap<>();
            for (BeanPropertyDefinition property : description.get().findProperties()) {
                String snake = SnakeCase.fromCamel(property.getName());
                if (!snake.equals(property.getName())) {
                    snakeToCamel.put(snake, property.getName());
                }
            }
            return snakeToCamel.isEmpty() ? deserializer : new ConflictCheckingDeserializer(deserializer, snakeToCamel);
        }
    }

    /** Buffers one object, rejects it if it holds both spellings of a property, then lets the bean read it. */
    private static final class ConflictCheckingDeserializer extends DelegatingDeserializer {

        private final Map<String, String> snakeToCamel;

        ConflictCheckingDeserializer(ValueDeserializer<?> delegate, Map<String, String> snakeToCamel) {
            super(delegate);
            this.snakeToCamel = snakeToCamel;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ConflictCheckingDeserializer(delegate, snakeToCamel);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            // mid-object calls (e.g. after a type id was read) cannot be buffered whole: let them through
            if (!p.hasToken(JsonToken.START_OBJECT)) {
                return _delegatee.deserialize(p, ctxt);
            }
            TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
            try (JsonParser scan = buffer.asParser(ctxt)) {
                scan.nextToken();
                Set<String> names = new HashSet<>();
                for (JsonToken t = scan.nextToken(); t == JsonToken.PROPERTY_NAME; t = scan.nextToken()) {
                    names.add(scan.currentName());
                    scan.nextToken();
                    scan.skipChildren();
                }
                for (String name : names) {
                    String camel = snakeToCamel.get(name);
                    if (camel != null && names.contains(camel)) {
                        throw (DuplicateAliasException)
                                new DuplicateAliasException(p, camel, name).prependPath(handledType(), camel);
                    }
                }
            }
            try (JsonParser replay = buffer.asParser(ctxt)) {
                replay.nextToken();
                return _delegatee.deserialize(replay, ctxt);
            }
        }
    }
}
