# Multi-stage: the SDK builds with the same publish command that .ci/run exercises; the runtime image runs it
# as a non-root user with the ledger and outbox on a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig SyndicationBot.sln appsettings.json ./
COPY eng/ eng/
COPY src/ src/
RUN dotnet publish src/SyndicationBot/SyndicationBot.csproj -c Release -o /app/publish

# The aspnet runtime: 'run' serves /healthz, /readyz, /metrics and the status page on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
COPY appsettings.json ./
COPY seeds/ ./seeds/
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
VOLUME /app/data
ENV DOTNET_ENVIRONMENT=Production
# Inside a container the HTTP surface listens on every interface (loopback would be unreachable from outside).
ENV Http__Urls=http://0.0.0.0:5080
EXPOSE 5080
# Secrets come from the environment (Channels__X__ConsumerKey, …) or files mounted under /run/secrets.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "SyndicationBot.dll"]
CMD ["run"]
