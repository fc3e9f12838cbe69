# Optimizer Lab: the web app in a container.
#
#   docker build -t optimizer-lab .
#   docker run -d --name optlab -m 1g --cpus 2 --restart unless-stopped -p 7070:7070 \
#       -v optlab-data:/var/lib/optimizer-lab optimizer-lab         # then open http://localhost:7070/
#   docker logs optlab | grep "Instructor sign-in"                   # the instructor's sign-in link
#   docker run --rm -p 7070:7070 -v "$PWD/my-lessons:/opt/optimizer-lab/lessons:ro" optimizer-lab   # + your lessons
#
# Another port: -e OPTLAB_PORT=8080 -p 8080:8080 (not "serve --port": the health check reads OPTLAB_PORT).
# Memory: the heap is 55 % of the container's limit (-m), so heap + the JVM's other memory (about 150 MB measured
# with 200 sessions) + the health check's short-lived JVM (about 40 MB) stay inside it; -m 512m is the least for a
# full class (docs/deployment.md has the table). Without -m the JVM takes 55 % of the host's memory. An
# OutOfMemoryError ends the process, so --restart brings the server back instead of leaving it half alive.
#
# OPTLAB_LESSONS_DIR is /opt/optimizer-lab/lessons (a copy of the bundled lessons); mount your folder over it to add
# your lessons to the bundled ones, reloaded live (check them first: docker run --rm -v "$PWD/my-lessons:/lessons:ro"
# optimizer-lab check-lessons /lessons). OPTLAB_BUNDLED_LESSONS=off serves yours alone (docs/deployment.md).
# Limits and the rest of the configuration are environment variables: docker run --rm optimizer-lab serve --help.

# ---- build: the runnable jar, tests left to CI ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Plugins and dependencies first, in their own layer: it is rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q -Dmaven.test.skip=true package
COPY src src
COPY web web
COPY lessons lessons
RUN mvn -B -q -o -Dmaven.test.skip=true package

# ---- run: a JRE, a non-root user, the jar and the lessons ----
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin optlab
WORKDIR /opt/optimizer-lab
COPY --from=build /build/target/optimizer-lab.jar optimizer-lab.jar
COPY lessons lessons
# The class database (SQLite, OPTLAB_DATA_DIR): a volume owned by the server's user, so it outlives the container.
RUN mkdir -p /var/lib/optimizer-lab && chown optlab:optlab /var/lib/optimizer-lab
VOLUME /var/lib/optimizer-lab
ENV OPTLAB_HOST=0.0.0.0 \
    OPTLAB_PORT=7070 \
    OPTLAB_LESSONS_DIR=/opt/optimizer-lab/lessons \
    OPTLAB_DATA_DIR=/var/lib/optimizer-lab
USER optlab
EXPOSE 7070
# No curl or wget in the image: the jar brings its own check. It reads OPTLAB_PORT and OPTLAB_HOST as the server
# does (GET /healthz there, on loopback for 0.0.0.0) and exits 0 on 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "/opt/optimizer-lab/optimizer-lab.jar", "org.optimizerlab.app.HealthCheck"]
# Exec form: java is PID 1 and gets SIGTERM itself; its shutdown hook stops Jetty and the experiment workers.
# The port is set only through OPTLAB_PORT (above), never as an argument, so the health check finds the server.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=55", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/optimizer-lab/optimizer-lab.jar"]
CMD ["serve"]
