/**
 * Immutable sets of resolved classes, qualifier types and declared instances, per namespace. The MOF compiler builds
 * them; the query layer and the object manager read them. Imports only {@code org.replprov.cim}.
 */
package org.replprov.repository;
