package org.replprov.mof;

/** Makes the exception for a problem at a location, with the source line it points into. */
@FunctionalInterface
interface Diagnostics {

    MofParseException error(SourceLocation where, String reason);
}
