import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>Vigil 应急管理综合应用平台</div>);
