/**
 * The MOF compiler (DSP0004 Managed Object Format, grammar in its ANNEX A): {@link org.replprov.mof.MofLexer} and
 * {@link org.replprov.mof.MofParser} read text into {@link org.replprov.mof.MofProduction}s,
 * {@link org.replprov.mof.MofCompiler} types and resolves them into a {@code ClassRepository}, and
 * {@link org.replprov.mof.MofWriter} prints classes, instances and repositories back as MOF that compiles to the same
 * values. {@link org.replprov.mof.StandardQualifiers} holds the qualifier types every namespace starts with.
 *
 * <p>All errors are {@link org.replprov.mof.MofParseException}s with a {@link org.replprov.mof.SourceLocation}; no
 * input makes the compiler throw anything else, and every input is bounded (file size, include depth, token length).
 *
 * <p>This package imports only {@code org.replprov.cim} and {@code org.replprov.repository}.
 */
package org.replprov.mof;
