// The subset of the Shopify GraphQL Admin API schema the commerce adapter uses. Names, nullability
// and enum values follow shopify.dev/docs/api/admin-graphql (2025-01); everything else is left out.
export const SHOPIFY_SDL = /* GraphQL */ `
scalar DateTime
scalar Decimal
scalar URL

enum CurrencyCode { KRW PLN USD EUR GBP JPY CAD }
enum CountryCode { KR PL US DE GB JP CA FR }

enum OrderDisplayFinancialStatus { PENDING AUTHORIZED PARTIALLY_PAID PAID PARTIALLY_REFUNDED REFUNDED VOIDED EXPIRED }
enum OrderDisplayFulfillmentStatus { UNFULFILLED PARTIALLY_FULFILLED FULFILLED RESTOCKED PENDING_FULFILLMENT OPEN IN_PROGRESS ON_HOLD SCHEDULED REQUEST_DECLINED }
enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY STAFF OTHER }
enum OrderSortKeys { CREATED_AT PROCESSED_AT UPDATED_AT ID ORDER_NUMBER }
enum FulfillmentStatus { SUCCESS CANCELLED ERROR FAILURE OPEN PENDING }
enum FulfillmentDisplayStatus { ATTEMPTED_DELIVERY CANCELED CONFIRMED DELIVERED FAILURE FULFILLED IN_TRANSIT LABEL_PRINTED LABEL_PURCHASED LABEL_VOIDED MARKED_AS_FULFILLED NOT_DELIVERED OUT_FOR_DELIVERY READY_FOR_PICKUP PICKED_UP SUBMITTED CARRIER_PICKED_UP }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

type MailingAddress { city: String zip: String country: String countryCodeV2: CountryCode }

type Customer {
  id: ID!
  legacyResourceId: String!
  firstName: String
  lastName: String
  displayName: String!
  email: String
  phone: String
  locale: String!
  numberOfOrders: String!
  orders(first: Int, after: String, last: Int, before: String, reverse: Boolean, sortKey: OrderSortKeys, query: String): OrderConnection!
}
type CustomerEdge { cursor: String! node: Customer! }
type CustomerConnection { edges: [CustomerEdge!]! nodes: [Customer!]! pageInfo: PageInfo! }

type Collection { id: ID! handle: String! title: String! }
type CollectionConnection { nodes: [Collection!]! pageInfo: PageInfo! }

type Product {
  id: ID!
  legacyResourceId: String!
  title: String!
  productType: String!
  tags: [String!]!
  collections(first: Int, after: String): CollectionConnection!
}

type LineItem {
  id: ID!
  title: String!
  name: String!
  sku: String
  variantTitle: String
  quantity: Int!
  currentQuantity: Int!
  refundableQuantity: Int!
  isGiftCard: Boolean!
  product: Product
  originalUnitPriceSet: MoneyBag!
}
type LineItemEdge { cursor: String! node: LineItem! }
type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }

type FulfillmentTrackingInfo { company: String number: String url: URL }
type FulfillmentLineItem { id: ID! quantity: Int! lineItem: LineItem! }
type FulfillmentLineItemConnection { nodes: [FulfillmentLineItem!]! pageInfo: PageInfo! }

type Fulfillment {
  id: ID!
  legacyResourceId: String!
  name: String!
  createdAt: DateTime!
  updatedAt: DateTime!
  deliveredAt: DateTime
  inTransitAt: DateTime
  estimatedDeliveryAt: DateTime
  status: FulfillmentStatus!
  displayStatus: FulfillmentDisplayStatus
  trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  fulfillmentLineItems(first: Int, after: String): FulfillmentLineItemConnection!
}

enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }
interface ReturnLineItemType { id: ID! quantity: Int! }
type ReturnLineItem implements ReturnLineItemType { id: ID! quantity: Int! fulfillmentLineItem: FulfillmentLineItem! }
type ReturnLineItemTypeConnection { nodes: [ReturnLineItemType!]! pageInfo: PageInfo! }
type Return {
  id: ID!
  name: String!
  status: ReturnStatus!
  totalQuantity: Int!
  returnLineItems(first: Int, after: String): ReturnLineItemTypeConnection!
  refunds(first: Int, after: String): RefundConnection!
}
type ReturnConnection { nodes: [Return!]! pageInfo: PageInfo! }
type RefundConnection { nodes: [Refund!]! pageInfo: PageInfo! }

type RefundLineItem { lineItem: LineItem! quantity: Int! }
type RefundLineItemConnection { nodes: [RefundLineItem!]! pageInfo: PageInfo! }
type Refund {
  id: ID!
  legacyResourceId: String!
  createdAt: DateTime
  note: String
  totalRefundedSet: MoneyBag!
  refundLineItems(first: Int, after: String): RefundLineItemConnection!
}

type Order {
  id: ID!
  legacyResourceId: String!
  name: String!
  email: String
  phone: String
  createdAt: DateTime!
  updatedAt: DateTime!
  processedAt: DateTime!
  cancelledAt: DateTime
  cancelReason: OrderCancelReason
  closedAt: DateTime
  test: Boolean!
  tags: [String!]!
  currencyCode: CurrencyCode!
  displayFinancialStatus: OrderDisplayFinancialStatus
  displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  customer: Customer
  shippingAddress: MailingAddress
  totalPriceSet: MoneyBag!
  lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean): LineItemConnection!
  fulfillments(first: Int): [Fulfillment!]!
  refunds(first: Int): [Refund!]!
  returns(first: Int, after: String): ReturnConnection!
}
type OrderEdge { cursor: String! node: Order! }
type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }

type Query {
  customer(id: ID!): Customer
  customers(first: Int, after: String, last: Int, before: String, reverse: Boolean, query: String): CustomerConnection!
  order(id: ID!): Order
  orders(first: Int, after: String, last: Int, before: String, reverse: Boolean, sortKey: OrderSortKeys, query: String): OrderConnection!
}
`;
