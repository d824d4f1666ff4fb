package dev.localkms.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.localkms.error.KmsException;

/**
 * Finds the region of a request: the {@code RegionId} parameter, else a regional KMS host name
 * ({@code kms.<region>.aliyuncs.com} or {@code kms-vpc.<region>.aliyuncs.com}), else the default.
 */
final class RegionResolver {

    private static final Pattern KMS_HOST = Pattern.compile("^kms(?:-vpc)?\\.([a-z0-9-]+)\\.aliyuncs\\.com(?::\\d+)?$");
    private static final Pattern REGION_ID = Pattern.compile("^[a-z]{2,}(?:-[a-z0-9]+){1,4}$");

    private RegionResolver() {
    }

    static String resolve(String regionParameter, String host, String defaultRegion) {
        if (regionParameter != null && !regionParameter.isEmpty()) {
            if (!REGION_ID.matcher(regionParameter).matches()) {
                throw KmsException.invalidParameter("RegionId", regionParameter,
                        "is not a region ID such as cn-hangzhou");
            }
            return regionParameter;
        }
        Matcher matcher = KMS_HOST.matcher(host == null ? "" : host.toLowerCase(java.util.Locale.ROOT));
        // A host name whose region part is no region ID (kms.x.aliyuncs.com) is treated as any other host.
        if (matcher.matches() && REGION_ID.matcher(matcher.group(1)).matches()) {
            return matcher.group(1);
        }
        return defaultRegion;
    }
}
