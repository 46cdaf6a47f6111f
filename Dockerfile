# syntax=docker/dockerfile:1
# The image of any one service. Build context: the repository root, e.g.
#   docker build --build-arg PROJECT=Publishing.Review .
#   docker build --build-arg PROJECT=Publishing.Authoring --build-arg SAMPLE_CONTENT=true .
# (docker-compose.yml at the root builds each service this way.)
#   PROJECT         the folder under services/ holding PROJECT.csproj; the image runs PROJECT.dll.
#   SAMPLE_CONTENT  true to add the sample entries the seeder reads from /app/Seed (Authoring's image).
#
# The build copies the three shared libraries every service references and the one service's own
# folder, never another service's, so a change in one service leaves the others' layers cached.
# tests/Publishing.Deployment.Tests checks these COPY lines against each service's project references.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src

# Restore from the project files alone, so this layer stays cached until a reference changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY contracts/Publishing.Contracts/Publishing.Contracts.csproj contracts/Publishing.Contracts/
COPY infra/Publishing.Messaging/Publishing.Messaging.csproj infra/Publishing.Messaging/
COPY infra/Publishing.ServiceDefaults/Publishing.ServiceDefaults.csproj infra/Publishing.ServiceDefaults/
COPY services/${PROJECT}/${PROJECT}.csproj services/${PROJECT}/
RUN dotnet restore "services/$PROJECT/$PROJECT.csproj"

COPY contracts/Publishing.Contracts/ contracts/Publishing.Contracts/
COPY infra/Publishing.Messaging/ infra/Publishing.Messaging/
COPY infra/Publishing.ServiceDefaults/ infra/Publishing.ServiceDefaults/
COPY services/${PROJECT}/ services/${PROJECT}/
# InvariantGlobalization=false: Microsoft.Data.SqlClient does not support globalization-invariant
# mode (it throws on open), and these images talk to SQL Server. The runtime image ships ICU.
RUN dotnet publish "services/$PROJECT/$PROJECT.csproj" -c Release -o /app --no-restore \
    -p:UseAppHost=false -p:InvariantGlobalization=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG PROJECT
ARG SAMPLE_CONTENT=false
# curl for the compose healthcheck (GET /health/ready).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A writable data folder for the non-root user (DataDirectory: SQLite files and the search index
# when not on SQL Server; mount a volume here to keep them).
RUN mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
# SERVICE_ASSEMBLY: build arguments are gone when the container runs, so the entry point reads this.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DataDirectory=/data \
    SERVICE_ASSEMBLY=${PROJECT}.dll
COPY --from=build /app ./
# The sample content for Seed:Enabled (the JSON files shared with the standalone host), in the
# images that asked for it; the seeder reads <app dir>/Seed by default.
RUN --mount=type=bind,source=services/Publishing.Standalone/Seed,target=/sample-content \
    if [ "$SAMPLE_CONTENT" = true ]; then mkdir -p Seed && cp -r /sample-content/. Seed/; fi
USER $APP_UID
EXPOSE 8080
# exec: dotnet replaces the shell and gets the container's stop signal; "$@" passes on a command.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$SERVICE_ASSEMBLY\" \"$@\"", "--"]
