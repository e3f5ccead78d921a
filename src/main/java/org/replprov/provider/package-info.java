/**
 * The object manager: namespaces of classes (from the repository the MOF compiler builds) and the providers
 * registered for them. It is the one place that checks requests before a provider sees them (namespace, class, path
 * keys, method and parameters typed from the MOF signature) and answers after (class, keys, types), so that a provider
 * bug becomes WBEM_E_PROVIDER_FAILURE naming the provider and never a malformed answer. It runs WQL queries over the
 * checked instances (ASSOCIATORS OF and REFERENCES OF over the instances of the association classes), handing each
 * provider the compiled query so that it can leave out what cannot match and testing again what comes back, and fans
 * intrinsic events out to the subscriptions whose event queries accept them.
 *
 * <p>Imports {@code provider.spi}, {@code cim}, {@code repository} and {@code wql} (queries and event queries); nothing
 * from the concrete providers, engines, protocols or the command line.
 */
package org.replprov.provider;
