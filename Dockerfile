# syntax=docker/dockerfile:1
# Build: restore first from the project files only, so the package layer is cached across code changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Coopah.Core/Coopah.Core.csproj Coopah.Core/
COPY Coopah.Web/Coopah.Web.csproj Coopah.Web/
RUN dotnet restore Coopah.Web/Coopah.Web.csproj
COPY Coopah.Core/ Coopah.Core/
COPY Coopah.Web/ Coopah.Web/
RUN dotnet publish Coopah.Web/Coopah.Web.csproj -c Release -o /app --no-restore

# Run: the slim ASP.NET image as the non-root user it ships with.
# Production refuses to start without (README, "Running in production"): GarminWebhooks__PathSecret (random),
# Garmin__OAuth2RedirectUri (or AllowedHosts), and a protected key ring. The key ring lives on its own /keys volume
# so a copy of /data cannot decrypt the Garmin tokens; set DataProtection__CertificatePath to also encrypt it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Coopah__DataDirectory=/data \
    ConnectionStrings__Coopah="Data Source=/data/coopah.db" \
    DataProtection__KeysDirectory=/keys
COPY --from=build /app ./
RUN mkdir -p /data /keys && chown "$APP_UID" /data /keys
VOLUME ["/data", "/keys"]
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "Coopah.Web.dll"]
