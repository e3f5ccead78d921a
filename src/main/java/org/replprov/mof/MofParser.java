package org.replprov.mof;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimName;
import org.replprov.cim.CimScope;
import org.replprov.cim.CimType;
import org.replprov.mof.MofLiteral.ArrayLiteral;
import org.replprov.mof.MofProduction.ClassDeclaration;
import org.replprov.mof.MofProduction.InstanceDeclaration;
import org.replprov.mof.MofProduction.MethodDeclaration;
import org.replprov.mof.MofProduction.ParameterDeclaration;
import org.replprov.mof.MofProduction.Pragma;
import org.replprov.mof.MofProduction.PropertyDeclaration;
import org.replprov.mof.MofProduction.PropertyValue;
import org.replprov.mof.MofProduction.QualifierDeclaration;
import org.replprov.mof.MofProduction.QualifierUse;
import org.replprov.mof.MofToken.Kind;

/**
 * Reads MOF productions from tokens: a hand-written recursive-descent parser with one method per rule of DSP0004
 * ANNEX A, each quoting its rule. Keywords are matched ignoring case.
 *
 * <p>The parser needs one token of lookahead and the MOF grammar has no recursive rule (array initializers hold only
 * constants), so its stack depth is fixed whatever the input. It reports the first syntax error and stops.
 *
 * <p>Accepted beyond the letter of DSP0004, because WMI schema files use them: the flavors {@code ToInstance} and
 * {@code Amended}; pragmas without parameters or with bare-word parameters ({@code #pragma autorecover}); empty
 * array initializers; instances that set no property.
 */
public final class MofParser {

    private final MofSource source;
    private final MofLexer lexer;
    private MofToken current;

    MofParser(MofSource source) {
        this.source = source;
        this.lexer = new MofLexer(source);
        this.current = lexer.next();
    }

    /** A parser over {@code text}, which errors call {@code file}. */
    public MofParser(String file, String text) {
        this(new MofSource(file, text));
    }

    /** True when every production has been read. */
    public boolean atEnd() {
        return current.is(Kind.EOF);
    }

    /**
     * {@code mofSpecification = *mofProduction}
     *
     * @throws MofParseException at the first syntax error
     */
    public List<MofProduction> mofSpecification() {
        List<MofProduction> productions = new ArrayList<>();
        while (!atEnd()) {
            productions.add(mofProduction());
        }
        return productions;
    }

    /**
     * {@code mofProduction = compilerDirective / qualifierDeclaration / classDeclaration / instanceDeclaration};
     * class and instance declarations may start with a qualifier list.
     *
     * @throws MofParseException at a syntax error
     */
    public MofProduction mofProduction() {
        if (current.is(Kind.PRAGMA)) {
            return compilerDirective();
        }
        if (current.isKeyword("qualifier")) {
            return qualifierDeclaration();
        }
        List<QualifierUse> qualifiers = current.is(Kind.LBRACKET) ? qualifierList() : List.of();
        if (current.isKeyword("class")) {
            return classDeclaration(qualifiers);
        }
        if (current.isKeyword("instance")) {
            return instanceDeclaration(qualifiers);
        }
        throw error(qualifiers.isEmpty() ? "expected 'class', 'instance of', 'Qualifier' or '#pragma', found "
                + current.describe() : "expected 'class' or 'instance of' after the qualifier list, found "
                + current.describe());
    }

    // ---- compiler directives ----------------------------------------------------------------------------------

    /**
     * {@code compilerDirective = PRAGMA pragmaName [ "(" pragmaParameter *( "," pragmaParameter ) ")" ]} where
     * {@code pragmaParameter = stringValue / IDENTIFIER}.
     */
    private Pragma compilerDirective() {
        SourceLocation start = expect(Kind.PRAGMA, "").location();
        String name = expect(Kind.IDENTIFIER, "after '#pragma' (the pragma's name)").text();
        List<String> parameters = new ArrayList<>();
        if (match(Kind.LPAREN)) {
            do {
                parameters.add(current.is(Kind.STRING) ? stringValue()
                        : expect(Kind.IDENTIFIER, "as a parameter of #pragma " + name).text());
            } while (match(Kind.COMMA));
            expect(Kind.RPAREN, "after the parameters of #pragma " + name);
        }
        return new Pragma(name, parameters, start);
    }

    // ---- qualifier declarations -------------------------------------------------------------------------------

    /**
     * {@code qualifierDeclaration = QUALIFIER qualifierName qualifierType scope [ defaultFlavor ] ";"} with
     * {@code qualifierType = ":" dataType [ array ] [ defaultValue ]}.
     */
    private QualifierDeclaration qualifierDeclaration() {
        advance();
        MofToken nameToken = expect(Kind.IDENTIFIER, "after 'Qualifier' (the qualifier's name)");
        CimName name = CimName.of(nameToken.text());
        expect(Kind.COLON, "after the name of qualifier " + name);
        MofToken typeToken = expect(Kind.IDENTIFIER, "as the type of qualifier " + name);
        CimDataType type = CimDataType.scalar(dataType(typeToken).orElseThrow(() -> error(typeToken.location(),
                "unknown data type " + typeToken.describe() + "; qualifier types are uint8 … datetime")));
        if (current.is(Kind.LBRACKET)) {
            array();
            type = type.asArray();
        }
        MofLiteral defaultValue = match(Kind.EQUALS) ? initializer() : null;
        Set<CimScope> scopes = scope();
        List<CimFlavor> flavors = current.is(Kind.COMMA) ? defaultFlavor() : List.of();
        expect(Kind.SEMICOLON, "after the declaration of qualifier " + name);
        return new QualifierDeclaration(name, type, defaultValue, scopes, flavors, nameToken.location());
    }

    /**
     * {@code scope = "," SCOPE "(" metaElement *( "," metaElement ) ")"} with {@code metaElement = CLASS /
     * ASSOCIATION / INDICATION / QUALIFIER / PROPERTY / REFERENCE / METHOD / PARAMETER / ANY}.
     */
    private Set<CimScope> scope() {
        expect(Kind.COMMA, "before Scope(…)");
        expectKeyword("scope", "in a qualifier declaration");
        expect(Kind.LPAREN, "after 'Scope'");
        Set<CimScope> scopes = EnumSet.noneOf(CimScope.class);
        do {
            MofToken t = expect(Kind.IDENTIFIER, "as a scope");
            scopes.add(keyword(CimScope.values(), CimScope::keyword, t)
                    .orElseThrow(() -> error(t.location(), "unknown scope " + t.describe()
                            + "; scopes are class, association, indication, qualifier, property, reference, "
                            + "method, parameter and any")));
        } while (match(Kind.COMMA));
        expect(Kind.RPAREN, "after the scopes");
        return scopes;
    }

    /** {@code defaultFlavor = "," FLAVOR "(" flavor *( "," flavor ) ")"}. */
    private List<CimFlavor> defaultFlavor() {
        advance();
        expectKeyword("flavor", "after ',' in a qualifier declaration");
        expect(Kind.LPAREN, "after 'Flavor'");
        List<CimFlavor> flavors = new ArrayList<>();
        do {
            flavors.add(flavor());
        } while (match(Kind.COMMA));
        expect(Kind.RPAREN, "after the flavors");
        return flavors;
    }

    /**
     * {@code flavor = ENABLEOVERRIDE / DISABLEOVERRIDE / RESTRICTED / TOSUBCLASS / TRANSLATABLE}, and WMI's
     * {@code TOINSTANCE / AMENDED}.
     */
    private CimFlavor flavor() {
        MofToken t = expect(Kind.IDENTIFIER, "as a flavor");
        return keyword(CimFlavor.values(), CimFlavor::keyword, t)
                .orElseThrow(() -> error(t.location(), "unknown flavor " + t.describe() + "; flavors are "
                        + "EnableOverride, DisableOverride, ToSubclass, Restricted, Translatable, ToInstance and "
                        + "Amended"));
    }

    // ---- qualifier lists --------------------------------------------------------------------------------------

    /** {@code qualifierList = "[" qualifier *( "," qualifier ) "]"}. */
    private List<QualifierUse> qualifierList() {
        expect(Kind.LBRACKET, "");
        List<QualifierUse> qualifiers = new ArrayList<>();
        do {
            qualifiers.add(qualifier());
        } while (match(Kind.COMMA));
        expect(Kind.RBRACKET, "after the qualifiers");
        return qualifiers;
    }

    /**
     * {@code qualifier = qualifierName [ qualifierParameter ] [ ":" 1*flavor ]} with
     * {@code qualifierParameter = "(" constantValue ")" / arrayInitializer}.
     */
    private QualifierUse qualifier() {
        MofToken nameToken = expect(Kind.IDENTIFIER, "(a qualifier name)");
        CimName name = CimName.of(nameToken.text());
        MofLiteral value = null;
        if (match(Kind.LPAREN)) {
            value = constantValue();
            expect(Kind.RPAREN, "after the value of qualifier " + name);
        } else if (current.is(Kind.LBRACE)) {
            value = arrayInitializer();
        }
        List<CimFlavor> flavors = new ArrayList<>();
        if (match(Kind.COLON)) {
            do {
                flavors.add(flavor());
            } while (current.is(Kind.IDENTIFIER));
        }
        return new QualifierUse(name, value, flavors, nameToken.location());
    }

    // ---- classes ----------------------------------------------------------------------------------------------

    /**
     * {@code classDeclaration = [ qualifierList ] CLASS className [ superClass ] "{" *classFeature "}" ";"} with
     * {@code superClass = ":" className}.
     */
    private ClassDeclaration classDeclaration(List<QualifierUse> qualifiers) {
        advance();
        MofToken nameToken = expect(Kind.IDENTIFIER, "after 'class' (the class name)");
        CimName name = CimName.of(nameToken.text());
        CimName superClass = null;
        SourceLocation superLocation = null;
        if (match(Kind.COLON)) {
            MofToken superToken = expect(Kind.IDENTIFIER, "after ':' (the superclass name)");
            superClass = CimName.of(superToken.text());
            superLocation = superToken.location();
        }
        expect(Kind.LBRACE, "to open the body of class " + name);
        List<PropertyDeclaration> properties = new ArrayList<>();
        List<MethodDeclaration> methods = new ArrayList<>();
        while (!match(Kind.RBRACE)) {
            classFeature(properties, methods);
        }
        expect(Kind.SEMICOLON, "after the closing '}' of class " + name);
        return new ClassDeclaration(qualifiers, name, superClass, superLocation, properties, methods,
                nameToken.location());
    }

    /**
     * {@code classFeature = [ qualifierList ] ( propertyDeclaration / referenceDeclaration / methodDeclaration )};
     * the three share their start, {@code ( dataType / objectRef ) name}, and differ in what follows the name.
     */
    private void classFeature(List<PropertyDeclaration> properties, List<MethodDeclaration> methods) {
        if (atEnd()) {
            throw error("expected a property, reference or method, or '}' to close the class, found end of file");
        }
        List<QualifierUse> qualifiers = current.is(Kind.LBRACKET) ? qualifierList() : List.of();
        SourceLocation typeLocation = current.location();
        CimDataType type = featureType("property, reference or method");
        MofToken nameToken = expect(Kind.IDENTIFIER, "after type " + type + " (the property or method name)");
        CimName name = CimName.of(nameToken.text());
        if (current.is(Kind.LPAREN)) {
            methods.add(methodDeclaration(qualifiers, type, typeLocation, name, nameToken.location()));
        } else {
            properties.add(propertyDeclaration(qualifiers, type, typeLocation, name, nameToken.location()));
        }
    }

    /**
     * The rest of {@code propertyDeclaration = dataType propertyName [ array ] [ defaultValue ] ";"} or
     * {@code referenceDeclaration = objectRef referenceName [ defaultValue ] ";"}.
     */
    private PropertyDeclaration propertyDeclaration(List<QualifierUse> qualifiers, CimDataType type,
                                                    SourceLocation typeLocation, CimName name,
                                                    SourceLocation location) {
        int arraySize = 0;
        if (current.is(Kind.LBRACKET)) {
            if (type.type() == CimType.REFERENCE) {
                throw error("a reference property cannot be an array");
            }
            arraySize = array();
            type = type.asArray();
        }
        MofLiteral defaultValue = match(Kind.EQUALS) ? initializer() : null;
        expect(Kind.SEMICOLON, "after property " + name);
        return new PropertyDeclaration(qualifiers, type, typeLocation, name, arraySize, defaultValue, location);
    }

    /** The rest of {@code methodDeclaration = ( dataType / objectRef ) methodName "(" [ parameterList ] ")" ";"}. */
    private MethodDeclaration methodDeclaration(List<QualifierUse> qualifiers, CimDataType returnType,
                                                SourceLocation typeLocation, CimName name,
                                                SourceLocation location) {
        expect(Kind.LPAREN, "");
        List<ParameterDeclaration> parameters = current.is(Kind.RPAREN) ? List.of() : parameterList(name);
        expect(Kind.RPAREN, "after the parameters of method " + name);
        expect(Kind.SEMICOLON, "after method " + name);
        return new MethodDeclaration(qualifiers, returnType, typeLocation, name, parameters, location);
    }

    /** {@code parameterList = parameter *( "," parameter )}. */
    private List<ParameterDeclaration> parameterList(CimName method) {
        List<ParameterDeclaration> parameters = new ArrayList<>();
        do {
            parameters.add(parameter(method));
        } while (match(Kind.COMMA));
        return parameters;
    }

    /** {@code parameter = [ qualifierList ] ( dataType / objectRef ) parameterName [ array ]}. */
    private ParameterDeclaration parameter(CimName method) {
        List<QualifierUse> qualifiers = current.is(Kind.LBRACKET) ? qualifierList() : List.of();
        SourceLocation typeLocation = current.location();
        CimDataType type = featureType("parameter of method " + method);
        MofToken nameToken = expect(Kind.IDENTIFIER, "after type " + type + " (the parameter name)");
        if (current.is(Kind.LBRACKET)) {
            array();
            type = type.asArray();
        }
        return new ParameterDeclaration(qualifiers, type, typeLocation, CimName.of(nameToken.text()),
                nameToken.location());
    }

    /**
     * {@code dataType / objectRef}, where {@code objectRef = className REF} and {@code dataType} is one of the
     * intrinsic type keywords {@code uint8 … datetime}.
     */
    private CimDataType featureType(String what) {
        MofToken first = expect(Kind.IDENTIFIER, "(the type of a " + what + ")");
        if (current.isKeyword("ref")) {
            advance();
            return CimDataType.reference(CimName.of(first.text()));
        }
        return CimDataType.scalar(dataType(first).orElseThrow(() -> error(first.location(),
                "unknown data type " + first.describe() + "; expected an intrinsic type (uint8 … datetime) or "
                        + "'ClassName REF'")));
    }

    /** {@code dataType = DT_UINT8 / DT_SINT8 / … / DT_STR / DT_BOOL / DT_DATETIME}. */
    private static Optional<CimType> dataType(MofToken t) {
        return CimType.fromKeyword(t.text()).filter(type -> type != CimType.REFERENCE);
    }

    /** {@code array = "[" [ positiveDecimalValue ] "]"}; returns the size, 0 for a variable-length array. */
    private int array() {
        expect(Kind.LBRACKET, "");
        int size = 0;
        if (current.is(Kind.INTEGER)) {
            MofToken t = advance();
            boolean decimal = !t.text().startsWith("+") && !t.text().startsWith("-") && !t.text().startsWith("0")
                    && Character.isDigit(t.text().charAt(t.text().length() - 1));
            if (!decimal || t.integerValue().bitLength() > 31) {
                throw error(t.location(), "an array size is a positive decimal number below 2^31, not '"
                        + t.text() + "'");
            }
            size = t.integerValue().intValue();
        }
        expect(Kind.RBRACKET, "to close the array brackets");
        return size;
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * {@code instanceDeclaration = [ qualifierList ] INSTANCE OF className [ alias ] "{" *valueInitializer "}" ";"}
     * with {@code alias = AS aliasIdentifier}.
     */
    private InstanceDeclaration instanceDeclaration(List<QualifierUse> qualifiers) {
        SourceLocation start = advance().location();
        expectKeyword("of", "after 'instance'");
        MofToken classToken = expect(Kind.IDENTIFIER, "after 'instance of' (the class name)");
        CimName className = CimName.of(classToken.text());
        String alias = null;
        if (current.isKeyword("as")) {
            advance();
            alias = expect(Kind.ALIAS, "after 'as' (an alias such as $Name)").text();
        }
        expect(Kind.LBRACE, "to open the instance of " + className);
        List<PropertyValue> values = new ArrayList<>();
        while (!match(Kind.RBRACE)) {
            values.add(valueInitializer());
        }
        expect(Kind.SEMICOLON, "after the closing '}' of the instance");
        return new InstanceDeclaration(qualifiers, className, classToken.location(), alias, values, start);
    }

    /** {@code valueInitializer = [ qualifierList ] IDENTIFIER defaultValue ";"}. */
    private PropertyValue valueInitializer() {
        if (atEnd()) {
            throw error("expected a property value, or '}' to close the instance, found end of file");
        }
        List<QualifierUse> qualifiers = current.is(Kind.LBRACKET) ? qualifierList() : List.of();
        MofToken nameToken = expect(Kind.IDENTIFIER, "(a property name)");
        CimName name = CimName.of(nameToken.text());
        expect(Kind.EQUALS, "after property " + name);
        MofLiteral value = initializer();
        expect(Kind.SEMICOLON, "after the value of property " + name);
        return new PropertyValue(qualifiers, name, value, nameToken.location());
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /**
     * {@code initializer = constantValue / arrayInitializer / referenceInitializer} with
     * {@code referenceInitializer = objectHandle / aliasIdentifier}; an object handle is a string constant.
     */
    private MofLiteral initializer() {
        if (current.is(Kind.LBRACE)) {
            return arrayInitializer();
        }
        if (current.is(Kind.ALIAS)) {
            MofToken t = advance();
            return new MofLiteral.AliasLiteral(t.text(), t.location());
        }
        return constantValue();
    }

    /** {@code arrayInitializer = "{" [ constantValue *( "," constantValue ) ] "}"}. */
    private ArrayLiteral arrayInitializer() {
        SourceLocation start = expect(Kind.LBRACE, "").location();
        List<MofLiteral> elements = new ArrayList<>();
        if (!current.is(Kind.RBRACE)) {
            do {
                elements.add(constantValue());
            } while (match(Kind.COMMA));
        }
        expect(Kind.RBRACE, "to close the array");
        return new ArrayLiteral(elements, start);
    }

    /**
     * {@code constantValue = integerValue / realValue / charValue / stringValue / booleanValue / nullValue}, the
     * last two being the keywords {@code TRUE}, {@code FALSE} and {@code NULL}.
     */
    private MofLiteral constantValue() {
        SourceLocation at = current.location();
        switch (current.kind()) {
            case INTEGER:
                return new MofLiteral.IntegerLiteral(advance().integerValue(), at);
            case REAL:
                double d = Double.parseDouble(current.text());
                if (Double.isInfinite(d)) {
                    throw error("real number " + current.describe() + " is out of range");
                }
                advance();
                return new MofLiteral.RealLiteral(d, at);
            case CHAR:
                return new MofLiteral.CharLiteral(advance().text().charAt(0), at);
            case STRING:
                return new MofLiteral.StringLiteral(stringValue(), at);
            default:
                if (current.isKeyword("true") || current.isKeyword("false")) {
                    return new MofLiteral.BooleanLiteral(advance().text().equalsIgnoreCase("true"), at);
                }
                if (current.isKeyword("null")) {
                    advance();
                    return new MofLiteral.NullLiteral(at);
                }
                throw error("expected a value (number, string, character, TRUE, FALSE or NULL), found "
                        + current.describe());
        }
    }

    /** {@code stringValue = 1*( DQUOTE *stringChar DQUOTE )}: adjacent literals are one string. */
    private String stringValue() {
        MofToken first = expect(Kind.STRING, "");
        if (!current.is(Kind.STRING)) {
            return first.text();
        }
        StringBuilder sb = new StringBuilder(first.text());
        while (current.is(Kind.STRING)) {
            sb.append(advance().text());
            if (sb.length() > MofLexer.MAX_STRING_LENGTH) {
                throw error(first.location(), "string longer than " + MofLexer.MAX_STRING_LENGTH + " characters");
            }
        }
        return sb.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private MofToken advance() {
        MofToken t = current;
        current = lexer.next();
        return t;
    }

    private boolean match(Kind kind) {
        if (current.is(kind)) {
            advance();
            return true;
        }
        return false;
    }

    /** Consumes a token of {@code kind}, or fails naming what was expected {@code context} (may be empty). */
    private MofToken expect(Kind kind, String context) {
        if (!current.is(kind)) {
            throw error("expected " + symbol(kind) + (context.isEmpty() ? "" : " " + context) + ", found "
                    + current.describe());
        }
        return advance();
    }

    private void expectKeyword(String keyword, String context) {
        if (!current.isKeyword(keyword)) {
            throw error("expected '" + keyword + "' " + context + ", found " + current.describe());
        }
        advance();
    }

    /** The constant of {@code values} whose keyword {@code t} spells, ignoring case. */
    private static <E> Optional<E> keyword(E[] values, Function<E, String> keyword, MofToken t) {
        for (E e : values) {
            if (t.text().equalsIgnoreCase(keyword.apply(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String symbol(Kind kind) {
        return switch (kind) {
            case IDENTIFIER -> "a name";
            case ALIAS -> "an alias";
            case STRING -> "a string";
            case CHAR -> "a character";
            case INTEGER -> "an integer";
            case REAL -> "a real number";
            case PRAGMA -> "'#pragma'";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case SEMICOLON -> "';'";
            case COMMA -> "','";
            case COLON -> "':'";
            case EQUALS -> "'='";
            case EOF -> "end of file";
        };
    }

    private MofParseException error(String reason) {
        return error(current.location(), reason);
    }

    private MofParseException error(SourceLocation at, String reason) {
        return source.error(at, reason);
    }
}
