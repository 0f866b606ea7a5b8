// Tandem's Azure resources, deployed by the Teams Toolkit's arm/deploy (teamsapp.yml, provision).
// docs/deploy.md explains each choice, the one-time database step and what it costs.
//
// One user-assigned managed identity does everything that needs an identity: the web app signs in
// to Azure SQL with it (no SQL password anywhere), reads the Entra client secret from Key Vault
// with it, and is the Teams bot's Microsoft App ID (Azure Bot of type UserAssignedMSI, no bot secret).
//
// Outputs in UPPER_CASE are written back to env/.env.{env} by the toolkit.

@description('Prefix of every resource name: lowercase letters and digits, unique to this deployment (teamsapp.yml passes "tandem" + RESOURCE_SUFFIX).')
@minLength(4)
@maxLength(20)
param resourceBaseName string

@description('Azure region for everything except the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('The Tandem API app registration (client) id, from aadApp/create.')
param aadAppClientId string

@description('The tenant of the Tandem API app registration, from aadApp/create.')
param aadAppTenantId string

@description('The app registration\'s client secret, from aadApp/create (.env.{env}.user). Stored in Key Vault; the web app reads it through a Key Vault reference. Turns Outlook sync on.')
@secure()
param aadAppClientSecret string

@description('Comma-separated tenant ids allowed to sign in, for a multi-tenant install; empty means only aadAppTenantId.')
param entraAllowedTenants string = ''

@description('The Teams app id, from teamsApp/create; links in Outlook events and bot cards open the Tandem tab.')
param teamsAppId string

@description('Display name of the Azure Bot.')
@maxLength(42)
param botDisplayName string = 'Tandem'

@description('Comma-separated emails of program admins, in addition to people holding the ProgramAdmin app role. May be empty.')
param adminEmails string = ''

@description('pino log level of the API.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('App Service plan SKU (Linux). B1 allows manual scale-out to 3 instances; P0v3 and up add autoscale and more instances.')
param appServicePlanSku string = 'B1'

@description('Number of web app instances. Tandem keeps no session state and runs its background jobs under database leases, so any number is safe.')
@minValue(1)
@maxValue(30)
param appServiceInstanceCount int = 1

@description('Sign-in name (UPN, or the group\'s display name) of the Entra user or group that administers the Azure SQL server.')
param sqlAdminLogin string

@description('Object id of that Entra user or group.')
param sqlAdminObjectId string

@description('Whether the SQL administrator is a User or a Group.')
@allowed(['User', 'Group'])
param sqlAdminPrincipalType string = 'User'

@description('Azure SQL database SKU. The default is serverless General Purpose (Gen5, up to 1 vCore); a name containing "_S_" is serverless and gets auto-pause and a minimum capacity.')
param sqlDatabaseSku object = {
  name: 'GP_S_Gen5'
  tier: 'GeneralPurpose'
  family: 'Gen5'
  capacity: 1
}

@description('Serverless only: minutes without activity before the database pauses (-1 never pauses).')
param sqlAutoPauseDelayMinutes int = 60

@description('Serverless only: the least compute (vCores) kept while the database is online.')
param sqlMinCapacity string = '0.5'

@description('Maximum database size in GB (storage is billed on this size).')
param sqlMaxSizeGb int = 32

@description('Days Log Analytics keeps the app\'s logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var baseName = toLower(resourceBaseName)
var databaseName = 'tandem'
var isServerless = contains(string(sqlDatabaseSku.name), '_S_')
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var entraSecretName = 'entra-client-secret'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${baseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // RBAC mode: access is granted with role assignments, not access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource entraSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: entraSecretName
  properties: {
    value: aadAppClientSecret
    contentType: 'Entra app registration client secret (Tandem ENTRA_CLIENT_SECRET)'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource sqlServer 'Microsoft.Sql/servers@2021-11-01' = {
  name: '${baseName}-sql'
  location: location
  properties: {
    version: '12.0'
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    // Entra-only: SQL logins are disabled, so there is no administrator password to keep.
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: sqlAdminLogin
      sid: sqlAdminObjectId
      principalType: sqlAdminPrincipalType
      tenantId: subscription().tenantId
    }
  }
}

// "Allow Azure services and resources to access this server": the web app's outbound addresses
// change with scale and plan, so the 0.0.0.0 rule is the documented way to let it in.
resource sqlAllowAzure 'Microsoft.Sql/servers/firewallRules@2021-11-01' = {
  parent: sqlServer
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.Sql/servers/databases@2021-11-01' = {
  parent: sqlServer
  name: databaseName
  location: location
  sku: sqlDatabaseSku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
    maxSizeBytes: sqlMaxSizeGb * 1024 * 1024 * 1024
    zoneRedundant: false
    autoPauseDelay: isServerless ? sqlAutoPauseDelayMinutes : null
    minCapacity: isServerless ? json(sqlMinCapacity) : null
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: appServiceInstanceCount
  }
  properties: {
    reserved: true
  }
}

var webAppName = baseName
// The app settings need the host name before the site exists; in public Azure it is <name>.azurewebsites.net.
var webAppHost = '${webAppName}.azurewebsites.net'
var keyVaultSecretReference = '@Microsoft.KeyVault(SecretUri=${entraSecret.properties.secretUri})'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance can serve any request: no ARR affinity cookie.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/api/src/server.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
      appSettings: [
        // The deploy stage uploads what `npm run build` made (dist/, package.json, node_modules less
        // .webappignore); App Service runs it as is, without building.
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        // DefaultAzureCredential (Azure SQL sign-in) picks the user-assigned identity by this client id.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        // An mssql:// URL without a user signs in with Entra ID (the managed identity above).
        {
          name: 'DATABASE_URL'
          value: 'mssql://${sqlServer.properties.fullyQualifiedDomainName}/${databaseName}'
        }
        {
          name: 'DEMO_DATA'
          value: 'off'
        }
        {
          name: 'WEB_DIST_DIR'
          value: 'dist/web'
        }
        {
          name: 'AUTH_MODE'
          value: 'entra'
        }
        {
          name: 'ENTRA_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'ENTRA_TENANT_ID'
          value: aadAppTenantId
        }
        {
          name: 'ENTRA_ALLOWED_TENANTS'
          value: entraAllowedTenants
        }
        {
          name: 'ENTRA_APP_ID_URI'
          value: 'api://${webAppHost}/${aadAppClientId}'
        }
        {
          name: 'ENTRA_CLIENT_SECRET'
          value: keyVaultSecretReference
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'ADMIN_EMAILS'
          value: adminEmails
        }
      ]
    }
  }
  // The Key Vault reference resolves at start-up, so the identity must already hold its role.
  dependsOn: [
    secretsUser
  ]
}

// The API's JSON logs (stdout), HTTP logs and platform events go to the same workspace.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'tandem-logs'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource botTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output AZURE_MANAGED_IDENTITY_NAME string = identity.name
output AZURE_SQL_SERVER_FQDN string = sqlServer.properties.fullyQualifiedDomainName
output AZURE_SQL_DATABASE_NAME string = database.name
output AZURE_KEY_VAULT_NAME string = keyVault.name
