/** The api's password rule (checked again there): at least 10 characters. */
export const MIN_PASSWORD_LENGTH = 10;
