export {
  type KeepAliveFetch,
  type KeepAliveInit,
  type KeepAliveResponse,
  keepAliveFetch,
} from "./keep-alive-fetch";
