/**
 * The CIM metamodel as immutable values (DSP0004): names, types, values, datetimes, qualifiers, properties, methods,
 * classes, instances and object paths, plus the status codes and the one exception type that carries them.
 *
 * <p>This package is the bottom of the architecture: it imports nothing else from the project and does no I/O.
 * Everything above it (MOF compiler, WQL, providers, protocols) speaks in these values.
 */
package org.replprov.cim;
