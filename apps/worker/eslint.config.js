import { modelhubConfig } from '@modelhub/eslint-config';

export default modelhubConfig({ tsconfigRootDir: import.meta.dirname });
