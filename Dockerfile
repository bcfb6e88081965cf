# Multi-stage: the SDK builds with the same publish command that .ci/run exercises; the runtime image runs it
# as a non-root user with the ledger and outbox on a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig SyndicationBot.sln appsettings.json ./
COPY eng/ eng/
COPY src/ src/
# The same command as .ci/run's publish step (keep them identical: CI has no container engine, so it smoke-runs this).
RUN dotnet publish src/SyndicationBot/SyndicationBot.csproj -c Release -r linux-x64 --self-contained false -o /app/publish

# The aspnet runtime: 'run' serves /healthz, /readyz, /metrics and the status page on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
COPY appsettings.json ./
# No demo seed in the image: pages to post are dropped into data/inbox on the volume (or come from feeds).
RUN mkdir -p /app/data/inbox && chown -R app:app /app/data
USER app
VOLUME /app/data
ENV DOTNET_ENVIRONMENT=Production
# Production defaults; appsettings.json keeps the demo defaults that the README's run command uses (seeds/,
# 5 s spacing). Every one can be overridden with -e Section__Key=value.
ENV Sources__SeedsPath=data/inbox \
    Schedule__MinSpacing=00:15:00
# Inside a container the HTTP surface listens on every interface (loopback would be unreachable from outside).
ENV Http__Urls=http://0.0.0.0:5080
EXPOSE 5080
# Secrets come from the environment (Channels__X__ConsumerKey, …) or files mounted under /run/secrets.
# The binary asks its own /healthz (no curl in the runtime image): 0 healthy, 1 a loop is stuck, 3 nothing answers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["dotnet", "SyndicationBot.dll", "health", "--timeout", "8"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "SyndicationBot.dll"]
CMD ["run"]
