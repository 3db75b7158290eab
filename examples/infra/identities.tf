# The shop's cluster and workload identities as the platform team declares them in Terraform. aks-iam reads this
# file without signing in to Azure: hover the ServiceAccount orders-api (workload-identity/good/serviceaccount.yaml)
# to see what is declared for it, or open "Infrastructure code" in the AKS IAM view.

resource "azurerm_kubernetes_cluster" "prod" {
  name                      = "aks-contoso-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-aks-prod"
  dns_prefix                = "contoso-prod"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_user_assigned_identity" "orders_api" {
  name                = "id-orders-api"
  location            = "westeurope"
  resource_group_name = "rg-identities"
}

resource "azurerm_federated_identity_credential" "orders_api" {
  name                = "orders-orders-api"
  resource_group_name = "rg-identities"
  parent_id           = azurerm_user_assigned_identity.orders_api.id
  issuer              = azurerm_kubernetes_cluster.prod.oidc_issuer_url
  subject             = "system:serviceaccount:orders:orders-api"
  audience            = ["api://AzureADTokenExchange"]
}

resource "azurerm_role_assignment" "orders_api_secrets" {
  scope                = "/subscriptions/2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/orders-kv"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.orders_api.principal_id
}

# The search service's credential names its ServiceAccount with a typo, which is why Azure has no credential for
# shop/search (see the identity snapshot).
resource "azurerm_user_assigned_identity" "search" {
  name                = "id-search"
  location            = "westeurope"
  resource_group_name = "rg-identities"
}

resource "azurerm_federated_identity_credential" "search" {
  name                = "shop-search"
  resource_group_name = "rg-identities"
  parent_id           = azurerm_user_assigned_identity.search.id
  issuer              = azurerm_kubernetes_cluster.prod.oidc_issuer_url
  subject             = "system:serviceaccount:shop:serach"
  audience            = ["api://AzureADTokenExchange"]
}
