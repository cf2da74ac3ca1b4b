/** Facebook's limit for a Messenger text message, in characters (code points). */
export const MESSAGE_TEXT_MAX_LENGTH = 2000;
