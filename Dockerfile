# Newsdesk bot image: multi-stage (Maven build, then a JRE), runs as a non-root user, data directory on a volume,
# the bot token from the environment (docker run -e NEWSDESK_TELEGRAM_TOKEN=...). See docs/deploy.md; for Compose,
# docker-compose.yml.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY config config
COPY src src
RUN mvn -B -q clean package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system newsdesk \
    && useradd --system --gid newsdesk --home-dir /var/lib/newsdesk --shell /usr/sbin/nologin newsdesk \
    && mkdir -p /var/lib/newsdesk /srv/newsdesk \
    && chown newsdesk:newsdesk /var/lib/newsdesk
WORKDIR /srv/newsdesk
COPY --from=build /src/target/newsdesk.jar /srv/newsdesk/newsdesk.jar
COPY config /srv/newsdesk/config
COPY corpus /srv/newsdesk/corpus
# The index and SQLite database live on the volume; HOME there too, where the tokenizer native is unpacked.
# Inside a container 127.0.0.1 is unreachable from the host, so the ops endpoint and the webhook listen on all of
# the container's interfaces: publish them to the host's loopback only (docker run -p 127.0.0.1:9090:9090).
ENV NEWSDESK_DATA_DIR=/var/lib/newsdesk \
    NEWSDESK_CORPUS_DIR=/srv/newsdesk/corpus \
    NEWSDESK_OPS_PORT=9090 \
    NEWSDESK_OPS_BIND=0.0.0.0 \
    HOME=/var/lib/newsdesk
VOLUME ["/var/lib/newsdesk"]
USER newsdesk
EXPOSE 9090 8443
# Healthy while /readyz answers 200 (index live, database writable, long polling making progress). bash's /dev/tcp
# instead of curl or wget, which the JRE image need not have. The first start indexes the corpus first: 5 min grace.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/9090 && printf "GET /readyz HTTP/1.0\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
# SIGTERM drains for up to 10 s; give `docker stop` more than its default 10 s (docker stop -t 30, or compose's
# stop_grace_period). The JVM then exits with 143.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/srv/newsdesk/newsdesk.jar"]
CMD ["bot"]
