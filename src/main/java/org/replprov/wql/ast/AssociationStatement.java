package org.replprov.wql.ast;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;

/**
 * {@code ASSOCIATORS OF {path} [WHERE …]} or {@code REFERENCES OF {path} [WHERE …]} (WMI SDK "ASSOCIATORS OF
 * Statement", "REFERENCES OF Statement"). The WHERE clause is not a condition but a list of keywords, some with a
 * name ({@code AssocClass = DfsrLink}), some alone ({@code KeysOnly}).
 *
 * @param traversal which statement
 * @param source the object whose associations are followed, as written between the braces
 * @param sourceColumn the column of the opening brace
 * @param names the keywords given with a name
 * @param flags the keywords given alone
 */
public record AssociationStatement(Traversal traversal, CimObjectPath source, int sourceColumn,
                                   Map<Keyword, CimName> names, Set<Keyword> flags) implements Statement {

    /** The two statements. */
    public enum Traversal {
        /** The objects at the other end of the associations. */
        ASSOCIATORS,
        /** The association instances themselves. */
        REFERENCES
    }

    /** The WHERE keywords, spelled as the WMI SDK spells them. */
    public enum Keyword {
        ASSOC_CLASS("AssocClass", true, true),
        RESULT_CLASS("ResultClass", true, false),
        RESULT_ROLE("ResultRole", true, true),
        ROLE("Role", true, false),
        REQUIRED_QUALIFIER("RequiredQualifier", true, false),
        REQUIRED_ASSOC_QUALIFIER("RequiredAssocQualifier", true, true),
        CLASS_DEFS_ONLY("ClassDefsOnly", false, false),
        KEYS_ONLY("KeysOnly", false, false),
        SCHEMA_ONLY("SchemaOnly", false, false);

        private final String spelling;
        private final boolean takesName;
        private final boolean associatorsOnly;

        Keyword(String spelling, boolean takesName, boolean associatorsOnly) {
            this.spelling = spelling;
            this.takesName = takesName;
            this.associatorsOnly = associatorsOnly;
        }

        public String spelling() {
            return spelling;
        }

        /** True for {@code Keyword = name}; false for a keyword that stands alone. */
        public boolean takesName() {
            return takesName;
        }

        /** True when REFERENCES OF does not accept the keyword. */
        public boolean associatorsOnly() {
            return associatorsOnly;
        }
    }

    public AssociationStatement {
        Objects.requireNonNull(traversal, "traversal");
        Objects.requireNonNull(source, "source");
        names = Map.copyOf(names);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(Keyword flag) {
        return flags.contains(flag);
    }
}
