/**
 * The class-module SPI: how a family of WMI classes (the DFSR classes of {@code root/MicrosoftDfs}, the AD
 * replication classes of {@code root/MicrosoftActiveDirectory}, …) plugs into the daemon. A {@link
 * org.replprov.module.ClassModule} checks the schema it needs, contributes its state tables and their migrations, and,
 * opened with a {@link org.replprov.module.ModuleContext}, the providers to register and the metrics to serve. The
 * daemon and programs that embed the provider loop over modules; none of them names a class.
 *
 * <p>Imports {@code cim}, {@code repository}, {@code provider.spi}, {@code provider}, {@code engine}, {@code state},
 * {@code metrics}, {@code time} and {@code config}.
 */
package org.replprov.module;
