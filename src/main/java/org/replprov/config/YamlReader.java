package org.replprov.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into {@link ConfigNode}s that remember their line and column, from the token stream: a data-binding
 * reader would lose the positions that make an error message useful.
 *
 * <p>Every scalar is kept as its text, whatever type YAML would give it, so that {@code port: "5988"} and
 * {@code port: 5988} mean the same and conversion errors come from one place ({@link ConfigNode}). A key written twice
 * is an error: YAML forbids it and the second one would silently win.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;

    private YamlReader(String source) {
        this.source = source;
    }

    /**
     * Parses {@code text}.
     *
     * @param source the file name used in error messages
     * @throws ConfigException for YAML that does not parse or is not a mapping at the top
     */
    public static ConfigNode read(String source, String text) {
        YamlReader r = new YamlReader(source);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return ConfigNode.emptyDocument(source);
            }
            ConfigNode root = r.value(p, "");
            if (root.present() && root.kind() != ConfigNode.Kind.MAPPING) {
                throw root.error("the configuration must be a mapping of keys to values");
            }
            return root.present() ? root : ConfigNode.emptyDocument(source);
        } catch (JsonProcessingException e) {
            // SnakeYAML knows where the problem is (the problem mark) and what it is; Jackson's location and message
            // describe the construct being parsed when it was found.
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                throw new ConfigException(source, m.getProblemMark().getLine() + 1,
                        m.getProblemMark().getColumn() + 1, "", "not valid YAML: " + m.getProblem());
            }
            JsonLocation at = e.getLocation();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
            throw new ConfigException(source, at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()), "", "not valid YAML: " + problem);
        } catch (IOException e) {
            throw new ConfigException(source, 1, 1, "", "cannot be read: " + e.getMessage());
        }
    }

    /** The value starting at the current token. */
    private ConfigNode value(JsonParser p, String key) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String childKey = key.isEmpty() ? name : key + "." + name;
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                ConfigNode child = value(p, childKey);
                if (entries.put(name, child) != null) {
                    throw new ConfigException(source, keyAt.getLineNr(), keyAt.getColumnNr(), childKey,
                            "is given twice");
                }
            }
            return ConfigNode.mapping(source, key, line, column, entries);
        }
        if (t == JsonToken.START_ARRAY) {
            List<ConfigNode> elements = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                elements.add(value(p, key + "[" + elements.size() + "]"));
            }
            return ConfigNode.sequence(source, key, line, column, elements);
        }
        if (t == JsonToken.VALUE_NULL) {
            return ConfigNode.nullValue(source, key, line, column);
        }
        return ConfigNode.scalar(source, key, line, column, p.getText());
    }
}
