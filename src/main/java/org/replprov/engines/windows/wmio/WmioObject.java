package org.replprov.engines.windows.wmio;

/** What an ObjectBlock's Encoding holds (MS-WMIO §2.2.10): a class (ClassType) or an instance (InstanceType). */
public sealed interface WmioObject permits WmioClass, WmioInstance {

    /** The class name: of the class itself, or of the instance's class. */
    String className();
}
