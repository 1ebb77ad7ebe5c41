/**
 * An environment location plus its scanned packages: the `InstalledEnvironment` core analyses.
 */
import type { InstalledDistribution, InstalledEnvironment } from '../core/context';
import type { DiscoveryOptions, EnvironmentLocation, EnvironmentOrigin } from './discover-environment';
import { discoverEnvironment, locateEnvironment } from './discover-environment';
import { currentHostPlatform, interpreterMarkerEnvironment, type HostPlatform } from './marker-environment';
import { scanSitePackages, scanSitePackagesSync } from './scan-site-packages';

function toInstalledEnvironment(location: EnvironmentLocation, distributions: InstalledDistribution[], host: HostPlatform): InstalledEnvironment {
  return {
    pythonPath: location.pythonPath,
    prefix: location.prefix,
    origin: location.origin,
    markerEnvironment: interpreterMarkerEnvironment(location.pythonFullVersion, location.implementation, host),
    distributions,
    sitePackages: location.sitePackages,
  };
}

/** Reads the packages of a located environment (synchronous: the CLI). */
export function loadEnvironmentSync(location: EnvironmentLocation, host: HostPlatform = currentHostPlatform()): InstalledEnvironment {
  return toInstalledEnvironment(location, scanSitePackagesSync(location.sitePackages), host);
}

/** Reads the packages of a located environment without blocking (the language server). */
export async function loadEnvironment(location: EnvironmentLocation, host: HostPlatform = currentHostPlatform()): Promise<InstalledEnvironment> {
  return toInstalledEnvironment(location, await scanSitePackages(location.sitePackages), host);
}

/**
 * The environment of an interpreter path (what the ms-python extension reports as the selected
 * interpreter), or null when its site-packages cannot be found.
 */
export async function environmentFromInterpreter(pythonPath: string, origin: EnvironmentOrigin = 'python-extension'): Promise<InstalledEnvironment | null> {
  const location = locateEnvironment(pythonPath, origin);
  return location ? loadEnvironment(location) : null;
}

/** Discovery plus scan in one call (see discoverEnvironment for the order). */
export async function findInstalledEnvironment(options: DiscoveryOptions): Promise<InstalledEnvironment | null> {
  const location = discoverEnvironment(options);
  return location ? loadEnvironment(location) : null;
}
