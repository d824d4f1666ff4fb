# syntax=docker/dockerfile:1
# Builds local-kms with the Maven wrapper, then runs the jar on a JRE as an unprivileged user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# The cache mount keeps downloaded dependencies between builds without putting them in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -Dmaven.test.skip=true package \
    && cp target/local-kms-*.jar /build/local-kms.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system kms \
    && useradd --system --gid kms --home-dir /app --shell /usr/sbin/nologin kms \
    && mkdir -p /app /data \
    && chown kms:kms /data
WORKDIR /app
COPY --from=build /build/local-kms.jar /app/local-kms.jar
COPY --chmod=0755 docker/healthcheck.sh /app/healthcheck.sh
USER kms
# /data is where an H2 file belongs when KMS_STORAGE_FILE is set, for example to /data/kms.
VOLUME /data
# The service listens on loopback only by default; in a container it must listen on every interface
# so that the published port reaches it.
ENV KMS_BIND_ADDRESS=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["/app/healthcheck.sh"]
# Exec form makes java PID 1, so SIGTERM from docker stop starts Spring's graceful shutdown.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/local-kms.jar"]
